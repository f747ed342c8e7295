/**
 * image-sdk-fake: an in-memory Glance (v1, v2 and Keystone token endpoints) over real HTTP on loopback
 * ({@link dev.imagesdk.fake.FakeGlance}), and a JUnit 5 extension ({@link dev.imagesdk.fake.junit}). JUnit is
 * needed only by the extension: {@code requires static}, so the fake itself runs without it.
 */
module dev.imagesdk.fake {
    requires transitive dev.imagesdk.core;
    requires static transitive org.junit.jupiter.api;
    requires java.net.http;
    requires jdk.httpserver;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.imagesdk.fake;
    exports dev.imagesdk.fake.junit;
}
