/**
 * Glance image API v1 client: the {@code x-image-meta-*} header API behind {@link dev.imagesdk.ImageService}.
 */
package dev.imagesdk.v1;
