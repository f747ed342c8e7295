package dev.imagesdk.assertj;

import dev.imagesdk.model.Image;
import org.assertj.core.api.Assertions;

/**
 * Entry point for the SDK's AssertJ assertions (artifact {@code dev.imagesdk:image-sdk-test}). Import
 * statically alongside, or instead of, {@link Assertions}: it inherits every AssertJ {@code assertThat}.
 */
public class ImageSdkAssertions extends Assertions {

    /** For subclasses that add assertions of their own; the methods are static. */
    protected ImageSdkAssertions() {
    }

    /**
     * Starts assertions on an image.
     *
     * @param actual the image under test (may be null: every assertion then fails)
     * @return the assertion object
     */
    public static ImageAssert assertThat(Image actual) {
        return new ImageAssert(actual);
    }
}
