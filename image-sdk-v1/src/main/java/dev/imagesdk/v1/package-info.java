/**
 * Glance image API v1 client: {@link dev.imagesdk.v1.ImageServiceV1}, the shared
 * {@link dev.imagesdk.ImageService} over the {@code x-image-meta-*} header API plus what only v1 has
 * (create with data in one request, {@code copy_from}, external locations, members with
 * {@code can_share}, shared images). Build it with {@code ImageService.builder()} and API version 1; the
 * implementation is found through {@link java.util.ServiceLoader} when this module is on the classpath.
 * The caller never writes a header: the SDK encodes attributes and properties, refuses what v1 cannot
 * carry faithfully, and never deletes properties an update did not name.
 */
package dev.imagesdk.v1;
