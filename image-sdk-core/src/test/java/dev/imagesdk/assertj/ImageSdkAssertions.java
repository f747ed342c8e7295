package dev.imagesdk.assertj;

import dev.imagesdk.model.Image;
import org.assertj.core.api.Assertions;

/**
 * Entry point for the SDK's AssertJ assertions (published in image-sdk-core's test jar for the other
 * modules' tests). Import statically alongside, or instead of, {@link Assertions}.
 */
public class ImageSdkAssertions extends Assertions {

    protected ImageSdkAssertions() {
    }

    public static ImageAssert assertThat(Image actual) {
        return new ImageAssert(actual);
    }
}
