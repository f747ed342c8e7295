/**
 * image-sdk-core: the version-neutral API ({@link dev.imagesdk.ImageService}, its builder, model,
 * configuration, authentication and exceptions). Add {@code dev.imagesdk.v2} (or {@code dev.imagesdk.v1})
 * for an implementation; it is found through {@link dev.imagesdk.spi.ImageServiceProvider}.
 *
 * <p>No third-party type appears in the exported API, so the libraries below are plain {@code requires}.
 * The {@code internal} packages are exported only to the sibling modules that implement the SPI.
 */
module dev.imagesdk.core {
    requires java.net.http;
    requires org.slf4j;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires feign.core;
    requires feign.jackson;
    requires io.github.resilience4j.core;
    requires io.github.resilience4j.retry;
    requires org.apache.commons.codec;

    exports dev.imagesdk;
    exports dev.imagesdk.auth;
    exports dev.imagesdk.config;
    exports dev.imagesdk.exception;
    exports dev.imagesdk.model;
    exports dev.imagesdk.spi;
    exports dev.imagesdk.inspect;
    exports dev.imagesdk.regions;
    exports dev.imagesdk.identity;
    exports dev.imagesdk.event;

    exports dev.imagesdk.internal to dev.imagesdk.v1, dev.imagesdk.v2;
    exports dev.imagesdk.internal.auth to dev.imagesdk.v1, dev.imagesdk.v2;
    exports dev.imagesdk.internal.http to dev.imagesdk.v1, dev.imagesdk.v2;
    exports dev.imagesdk.internal.retry to dev.imagesdk.v1, dev.imagesdk.v2;
    exports dev.imagesdk.internal.spi to dev.imagesdk.v1, dev.imagesdk.v2;
    exports dev.imagesdk.internal.transfer to dev.imagesdk.v1, dev.imagesdk.v2;

    uses dev.imagesdk.spi.ImageServiceProvider;
}
