/**
 * JUnit 5 support: {@link dev.imagesdk.fake.junit.FakeGlanceExtension} starts a
 * {@link dev.imagesdk.fake.FakeGlance} per test class and injects it into tests.
 */
package dev.imagesdk.fake.junit;
