package dev.imagesdk.fake.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configures an injected {@code dev.imagesdk.ImageService} parameter: which fake Keystone user
 * it authenticates as and which API version it speaks. Without it: user {@code demo}, version
 * discovered from {@code GET /} (v2 when image-sdk-v2 is on the classpath).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface FakeGlanceClient {
    /** {@return the fake Keystone user (its password and project come from the fake)} */
    String user() default "demo";

    /**
     * {@return the region whose image endpoint an {@code ImageService} uses (a fake built with
     * {@code regions(...)}); empty (default) for the catalog's first} Ignored for {@code ImageServices}.
     */
    String region() default "";

    /** {@return the API version to pin} */
    Version version() default Version.DISCOVER;

    /** API version choice. */
    enum Version {
        /** Version discovery through {@code GET /}. */
        DISCOVER,
        /** Pins API v1. */
        V1,
        /** Pins API v2. */
        V2
    }
}
