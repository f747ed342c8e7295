/**
 * Glance image API v2 client: {@link dev.imagesdk.v2.ImageServiceV2} implements
 * {@link dev.imagesdk.ImageService} with JSON and JSON-patch, and adds what only v2 has: deactivation,
 * interoperable import ({@link dev.imagesdk.v2.ImportRequest}, {@link dev.imagesdk.v2.ImportMethod}),
 * stores ({@link dev.imagesdk.v2.StoreInfo}), tasks ({@link dev.imagesdk.v2.Task}, {@link dev.imagesdk.v2.TaskQuery}),
 * the metadata definitions catalog ({@link dev.imagesdk.v2.Metadefs}), quota usage, schemas,
 * locations and the image cache.
 *
 * <p>Having this module on the classpath is enough: {@link dev.imagesdk.ImageService#builder()} finds it
 * through {@link java.util.ServiceLoader}. Everything under {@code dev.imagesdk.v2.internal} is
 * implementation.
 */
package dev.imagesdk.v2;
