package dev.imagesdk.v1.internal;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.imagesdk.ImageData;
import dev.imagesdk.model.Architecture;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.HpImageType;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageLifecycle;
import dev.imagesdk.model.ImageProperties;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.PartnerImageProfile;
import dev.imagesdk.v1.ImageServiceV1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.imagesdk.assertj.ImageSdkAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004's whole partner-image workflow as one flow, each step one call: upload with the required
 * attributes and {@code architecture}, set the four management-console properties, show, make public,
 * deprecate, delete. WireMock plays Glance v1; the test checks each step's request and the order.
 */
class PartnerImageFlowTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static final String ID = "8d1ba046-b06e-425d-b867-7b8c960ddaaa";
    static final String PATH = "/v1.0/images/" + ID;

    @TempDir
    Path dir;

    @Test
    void uploadConfigureShowPublishDeprecateDelete() throws Exception {
        Path file = dir.resolve("my_test_image.qcow2");
        byte[] bytes = new byte[64 * 1024];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i ^ (i >> 8));
        }
        TestQcow2.stamp(bytes); // a qcow2 in fact: the SDK checks the declared format before sending
        Files.write(file, bytes);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        String props = "{\"architecture\": \"x86_64\", \"com.hp__1__image_type\": \"disk\", "
                + "\"com.hp__1__image_lifecycle\": \"active\", \"com.hp__1__bootable_volume\": \"true\", "
                + "\"com.hp__1__os_distro\": \"org.debian\"}";
        wm.stubFor(post(urlEqualTo("/v1.0/images")).willReturn(aResponse().withStatus(201).withBody(
                Seed004WireTest.imageJson(md5, bytes.length, "My Custom Image", "{\"architecture\": \"x86_64\"}"))));
        wm.stubFor(put(urlEqualTo(PATH)).willReturn(aResponse().withBody(
                Seed004WireTest.imageJson(md5, bytes.length, "My Custom Image", props))));
        wm.stubFor(put(urlEqualTo(PATH)).withHeader("x-image-meta-is_public", equalTo("True")).willReturn(
                aResponse().withBody(Seed004WireTest.imageJson(md5, bytes.length, "My Custom Image", props)
                        .replace("\"is_public\": false", "\"is_public\": true"))));
        wm.stubFor(put(urlEqualTo(PATH)).withHeader("x-image-meta-name", equalTo("My Custom Image (deprecated)"))
                .willReturn(aResponse().withBody(Seed004WireTest.imageJson(md5, bytes.length,
                        "My Custom Image (deprecated)", props.replace("\"active\"", "\"deprecated\"")))));
        wm.stubFor(head(urlEqualTo(PATH)).willReturn(aResponse()
                .withHeader("X-Image-Meta-Id", ID).withHeader("X-Image-Meta-Name", "My Custom Image")
                .withHeader("X-Image-Meta-Status", "active").withHeader("X-Image-Meta-Is_public", "False")
                .withHeader("X-Image-Meta-Disk_format", "qcow2").withHeader("X-Image-Meta-Container_format", "bare")
                .withHeader("X-Image-Meta-Checksum", md5)
                .withHeader("X-Image-Meta-Property-architecture", "x86_64")
                .withHeader("X-Image-Meta-Property-com.hp__1__image_type", "disk")
                .withHeader("X-Image-Meta-Property-com.hp__1__image_lifecycle", "active")
                .withHeader("X-Image-Meta-Property-com.hp__1__bootable_volume", "true")
                .withHeader("X-Image-Meta-Property-com.hp__1__os_distro", "org.debian")));
        wm.stubFor(delete(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));

        try (ImageServiceV1 glance = V1TestServices.on(wm.baseUrl() + "/v1.0", "token")) {
            ImageSpec spec = ImageSpec.builder().id(ID).name("My Custom Image")
                    .containerFormat(ContainerFormat.BARE).diskFormat(DiskFormat.QCOW2)
                    .property(ImageProperties.architecture(Architecture.X86_64)).build();
            PartnerImageProfile.deploy().check(spec).throwIfViolated();
            List<Long> progress = new ArrayList<>();

            // 1. upload with the required attributes and architecture (one POST, verified)
            Image uploaded = glance.createWithData(spec, ImageData.fromPath(file), (done, total) -> progress.add(done));
            assertThat(uploaded).isActive().hasChecksumOf(file);
            assertThat(progress).last().isEqualTo((long) bytes.length);

            // 2. the four management-console properties
            glance.update(ID, ImageUpdate.builder()
                    .property(ImageProperties.hpImageType(HpImageType.DISK))
                    .property(ImageProperties.hpImageLifecycle(ImageLifecycle.ACTIVE))
                    .property(ImageProperties.hpBootableVolume(true))
                    .property(ImageProperties.hpOsDistro("org.debian")).build());

            // 3. show
            Image shown = glance.get(ID);
            assertThat(PartnerImageProfile.withConsoleProperties().check(shown).isCompliant()).isTrue();

            // 4. make public
            assertThat(glance.makePublic(ID).isPublic()).isTrue();

            // 5. deprecate
            Image deprecated = glance.deprecate(ID);
            assertThat(deprecated).hasName("My Custom Image (deprecated)");
            assertThat(deprecated.property(ImageProperties.HP_IMAGE_LIFECYCLE)).contains(ImageLifecycle.DEPRECATED);

            // 6. delete
            glance.delete(ID);
        }

        // WireMock lists serve events newest first.
        List<LoggedRequest> journal = new ArrayList<>();
        wm.getAllServeEvents().forEach(e -> journal.add(0, e.getRequest()));
        assertThat(journal).extracting(r -> r.getMethod().value())
                .containsExactly("POST", "PUT", "HEAD", "PUT", "HEAD", "PUT", "DELETE");
        assertThat(Seed004WireTest.glanceHeaders(journal.get(1))).isEqualTo(Map.of(
                "x-image-meta-property-com.hp__1__image_type", "disk",
                "x-image-meta-property-com.hp__1__image_lifecycle", "active",
                "x-image-meta-property-com.hp__1__bootable_volume", "true",
                "x-image-meta-property-com.hp__1__os_distro", "org.debian",
                "x-glance-registry-purge-props", "False"));
        assertThat(Seed004WireTest.glanceHeaders(journal.get(3))).isEqualTo(Map.of(
                "x-image-meta-is_public", "True", "x-glance-registry-purge-props", "False"));
        assertThat(Seed004WireTest.glanceHeaders(journal.get(5))).isEqualTo(Map.of(
                "x-image-meta-name", "My Custom Image (deprecated)",
                "x-image-meta-property-com.hp__1__image_lifecycle", "deprecated",
                "x-glance-registry-purge-props", "False"));
    }
}
