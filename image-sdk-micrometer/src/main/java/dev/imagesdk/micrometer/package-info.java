/**
 * Micrometer metrics for image-sdk: {@link dev.imagesdk.micrometer.MicrometerImageServiceListener} turns the
 * events of the {@link dev.imagesdk.event.ImageServiceListener} SPI into timers, counters and distribution
 * summaries with bounded tags.
 */
package dev.imagesdk.micrometer;
