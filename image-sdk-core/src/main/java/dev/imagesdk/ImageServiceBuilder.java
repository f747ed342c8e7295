package dev.imagesdk;

/**
 * Builds an {@link ImageService}: configuration, authentication, endpoint discovery and API version.
 * (Placeholder until the configuration and authentication layer lands.)
 */
public final class ImageServiceBuilder {
    ImageServiceBuilder() {
    }
}
