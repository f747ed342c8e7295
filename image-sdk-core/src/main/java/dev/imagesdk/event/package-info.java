/**
 * Observing an {@link dev.imagesdk.ImageService}: the {@link dev.imagesdk.event.ImageServiceListener} SPI
 * (calls, attempts, retries, re-authentications, responses, transferred bytes, verification results) and
 * the {@link dev.imagesdk.event.CallInfo} that names the call each event belongs to.
 */
package dev.imagesdk.event;
