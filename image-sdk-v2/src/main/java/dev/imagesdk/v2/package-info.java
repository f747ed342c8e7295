/**
 * Glance image API v2 client: JSON and JSON-patch behind {@link dev.imagesdk.ImageService}, plus the v2-only extras.
 */
package dev.imagesdk.v2;
