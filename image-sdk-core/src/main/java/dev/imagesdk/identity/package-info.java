/**
 * Keystone lookups an image workflow needs: the caller's own project, and projects by name (to share an image
 * with a project known by its name), through {@link dev.imagesdk.ImageService#identity()}.
 */
package dev.imagesdk.identity;
