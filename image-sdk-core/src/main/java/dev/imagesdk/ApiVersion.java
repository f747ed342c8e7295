package dev.imagesdk;

/** The Glance image API major version an {@link ImageService} speaks. */
public enum ApiVersion {
    /** Image API v1 ({@code /v1/images}, {@code x-image-meta-*} headers). Removed from Glance in Rocky. */
    V1,
    /** Image API v2 ({@code /v2/images}, JSON and JSON-patch). */
    V2
}
