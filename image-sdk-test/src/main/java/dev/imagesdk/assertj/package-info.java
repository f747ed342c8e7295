/**
 * AssertJ assertions for the SDK's domain types, for tests of code that uses image-sdk:
 * {@code import static dev.imagesdk.assertj.ImageSdkAssertions.assertThat;} then
 * {@code assertThat(image).isActive().hasChecksumOf(file)}. Published as {@code dev.imagesdk:image-sdk-test}
 * (test scope); it configures no logging and carries no fixtures.
 */
package dev.imagesdk.assertj;
