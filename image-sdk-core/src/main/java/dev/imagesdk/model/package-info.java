/**
 * The image model: {@link dev.imagesdk.model.Image} as the service reports it, the intents a caller sends
 * ({@link dev.imagesdk.model.ImageSpec}, {@link dev.imagesdk.model.ImageUpdate},
 * {@link dev.imagesdk.model.ImageQuery}), the open value types for statuses, formats and visibility, typed
 * custom properties ({@link dev.imagesdk.model.ImageProperties}) and the partner-image profile.
 *
 * <p>Every type here is immutable and thread-safe. Builders validate in {@code build()} and throw
 * {@link dev.imagesdk.exception.InvalidInputException} naming the field and the value. Values read from a
 * server are never refused for being unknown: the open value types keep the raw string.
 */
package dev.imagesdk.model;
