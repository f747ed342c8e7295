/**
 * The fake's HTTP adapter on the JDK's {@code com.sun.net.httpserver}: Glance v2 and v1, Keystone token
 * issuing, version documents and the {@code /_fake} control endpoints.
 *
 * <p>{@code V2Routes} and {@code V1Routes} are each version's path table; one class per resource parses
 * and answers its requests ({@code V2ImageRoutes}, {@code V2DataRoutes}, {@code V2ImportRoutes},
 * {@code V2MemberRoutes}, {@code V2TaskRoutes}, {@code V2DiscoveryRoutes}, {@code V2CacheRoutes},
 * {@code MetadefRoutes}; {@code V1ImageRoutes}, {@code V1MemberRoutes} with {@code V1Headers}).
 *
 * <p>internal: not for users, may change without notice.
 */
package dev.imagesdk.fake.internal.http;
