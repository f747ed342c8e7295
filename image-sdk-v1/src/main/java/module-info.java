/**
 * image-sdk-v1: the Glance image API v1 implementation ({@link dev.imagesdk.v1.ImageServiceV1}), found by
 * {@link dev.imagesdk.ImageServiceBuilder} through the provider it registers.
 */
module dev.imagesdk.v1 {
    requires transitive dev.imagesdk.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires feign.core;

    exports dev.imagesdk.v1;

    provides dev.imagesdk.spi.ImageServiceProvider with dev.imagesdk.v1.internal.V1ServiceProvider;
}
