package dev.imagesdk.v1;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #17 item 8 in API v1: {@link ImageServiceV1#of(ImageService)} instead of a cast, and the two-argument
 * {@code createAndUpload}, against the fake Glance.
 */
class V1ApiEdgesTest {

    static FakeGlance fake;
    ImageService service;

    @BeforeAll
    static void startFake() {
        fake = FakeGlance.builder().advertiseV1(true).start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void connect() {
        service = ImageService.builder().config(ClientConfig.builder().authUrl(fake.keystoneUrl())
                .auth(AuthMethod.V3Password.of("demo", fake.passwordOf("demo"), "Default", fake.projectOf("demo")))
                .apiVersion(ApiVersion.V1).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5))
                .build()).build();
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void ofReturnsTheV1ViewOfAServiceBuiltForV1() {
        ImageServiceV1 v1 = ImageServiceV1.of(service);

        assertThat(v1).isSameAs(service);
        assertThat(v1.apiVersion()).isEqualTo(ApiVersion.V1);
    }

    @Test
    void ofRefusesAServiceOfAnotherVersionNamingIt() {
        ImageService v2 = (ImageService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ImageService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("apiVersion")) {
                        return ApiVersion.V2;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        assertThatThrownBy(() -> ImageServiceV1.of(v2)).isInstanceOf(ImageSdkClientException.class)
                .hasMessageContaining("speaks API " + ApiVersion.V2).hasMessageContaining("not v1");
        assertThatThrownBy(() -> ImageServiceV1.of(null)).isInstanceOf(ImageSdkClientException.class)
                .hasMessageContaining("not v1");
    }

    @Test
    void createAndUploadWithTwoArgumentsCreatesAnActiveImage() {
        byte[] data = new byte[70_000];
        new java.util.Random(8).nextBytes(data);
        data[0] = 0; // no disk format's magic
        Image img = service.createAndUpload(ImageSpec.builder().name("two-args").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).build(), ImageData.fromBytes(data));
        try {
            assertThat(img.status()).isEqualTo(ImageStatus.ACTIVE);
            assertThat(img.size()).isEqualTo(data.length);
            assertThat(service.get(img.id()).isProtected()).isFalse();
        } finally {
            service.delete(img.id());
        }
    }
}
