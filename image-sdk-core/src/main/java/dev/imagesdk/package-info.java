/**
 * The version-neutral image-sdk API: {@link dev.imagesdk.ImageService} and the types it takes and returns.
 */
package dev.imagesdk;
