/**
 * Internal: not for users, may change without notice. The Glance API v1 implementation behind
 * {@link dev.imagesdk.v1.ImageServiceV1}: the facade {@code V1ImageService} over {@code V1Images},
 * {@code V1ImageData} and {@code V1Members}; the {@code x-image-meta-*} header codec, the list query encoder
 * and marker pager, the v1 JSON parsers and the HTTP calls: metadata calls through Feign
 * ({@code GlanceV1Api}) under the core's call executor, image bytes through the core's shared
 * {@link dev.imagesdk.internal.transfer.DataTransport}. The v1 root is {@code <image endpoint>/v1}, or the
 * endpoint's own {@code /v1} or {@code /v1.0} segment when it was configured or catalogued with one.
 */
package dev.imagesdk.v1.internal;
