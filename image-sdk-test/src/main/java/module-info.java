/**
 * AssertJ assertions for the image-sdk domain types ({@link dev.imagesdk.assertj.ImageSdkAssertions}).
 */
module dev.imagesdk.test {
    requires transitive dev.imagesdk.core;
    requires transitive org.assertj.core;

    exports dev.imagesdk.assertj;
}
