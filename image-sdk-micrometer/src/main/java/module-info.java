/**
 * image-sdk-micrometer: Micrometer meters for the events of an image-sdk {@code ImageService}
 * ({@link dev.imagesdk.micrometer.MicrometerImageServiceListener}). Optional: the SDK itself never needs it.
 *
 * <p>Core and Micrometer appear in the public API (the listener implements core's SPI and takes a
 * {@code MeterRegistry}), so both are {@code requires transitive}. Micrometer has no module descriptor; its
 * jars name themselves {@code micrometer.core} (Automatic-Module-Name), hence the suppressed warning about a
 * transitive automatic module: a consumer on the module path gets {@code MeterRegistry} readable either way.
 */
@SuppressWarnings("requires-transitive-automatic")
module dev.imagesdk.micrometer {
    requires transitive dev.imagesdk.core;
    requires transitive micrometer.core;
    requires org.slf4j;

    exports dev.imagesdk.micrometer;
}
