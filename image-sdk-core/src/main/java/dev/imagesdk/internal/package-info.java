/**
 * Internal: not for users, may change without notice. Implementation shared by the image-sdk modules.
 */
package dev.imagesdk.internal;
