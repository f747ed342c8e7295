/**
 * Internal: not for users, may change without notice. The Glance API v2 wire format (image JSON, JSON-patch,
 * list queries, paging) and the {@link dev.imagesdk.v2.ImageServiceV2} implementation.
 */
package dev.imagesdk.v2.internal;
