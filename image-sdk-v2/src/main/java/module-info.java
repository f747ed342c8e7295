/**
 * image-sdk-v2: the Glance image API v2 implementation ({@link dev.imagesdk.v2.ImageServiceV2}), found by
 * {@link dev.imagesdk.ImageServiceBuilder} through the provider it registers. {@code requires dev.imagesdk.v2;}
 * is all an application needs: the core module comes with it.
 */
module dev.imagesdk.v2 {
    requires transitive dev.imagesdk.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires feign.core;

    exports dev.imagesdk.v2;

    provides dev.imagesdk.spi.ImageServiceProvider with dev.imagesdk.v2.internal.V2ServiceProvider;
}
