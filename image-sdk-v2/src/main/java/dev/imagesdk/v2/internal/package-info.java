/**
 * Internal: not for users, may change without notice. The Glance API v2 wire format (image JSON, JSON-patch,
 * list queries, paging) and the {@link dev.imagesdk.v2.ImageServiceV2} implementation: the facade
 * {@code V2ImageService} over one class per Glance resource ({@code V2Images}, {@code V2ImageData},
 * {@code V2Imports}, {@code V2Tags}, {@code V2Members}, {@code V2Tasks}, {@code V2Cache}, {@code V2Locations},
 * {@code V2Schemas}, {@code V2Metadefs}) sharing one {@code V2Context}.
 */
package dev.imagesdk.v2.internal;
