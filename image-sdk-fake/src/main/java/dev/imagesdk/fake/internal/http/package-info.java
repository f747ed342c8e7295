/**
 * The fake's HTTP adapter on the JDK's {@code com.sun.net.httpserver}: Glance v2, Keystone token
 * issuing, version documents and the {@code /_fake} control endpoints.
 *
 * <p>internal: not for users, may change without notice.
 */
package dev.imagesdk.fake.internal.http;
