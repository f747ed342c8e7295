/**
 * Internal: not for users, may change without notice.
 */
package dev.imagesdk.internal.auth;
