/**
 * Internal: not for users, may change without notice. Several regions from one configuration (one shared
 * token provider) and the publication of one image to several services from one read of its source.
 */
package dev.imagesdk.internal.regions;
