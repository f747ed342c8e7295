package dev.imagesdk.v1.internal;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.imagesdk.ImageData;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.model.Architecture;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.HpImageType;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageLifecycle;
import dev.imagesdk.model.ImageProperties;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.ImageUpdate;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every curl (and {@code glance}) example of seed 004 ("HP Cloud 13.5: Upload and Make Public a Partner
 * Image"), reproduced through the SDK against WireMock and checked header for header: the
 * {@code x-image-meta-*} and {@code x-glance-*} headers sent must be exactly the seed's, with two
 * deliberate additions the SDK's contract requires and the tests name: {@code x-image-meta-id} on a create
 * (a client-chosen id makes a retried create safe) and {@code x-image-meta-size} when the data's length is
 * known; and updates always state {@code x-glance-registry-purge-props}.
 */
class Seed004WireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static final String TOKEN = "HPAuth10_a73d39f83b98359a7a0951f51a393aaeafdc00fcbcd31c300384917";
    static final String ID = "8d1ba046-b06e-425d-b867-7b8c960ddaaa";
    static final String IMAGE_PATH = "/v1.0/images/" + ID;

    private V1ImageService images;

    @BeforeEach
    void setUp() {
        // $OS_IMAGE_URL/v1.0 as in the seed: an endpoint catalogued with its v1.0 segment keeps it.
        images = V1TestServices.on(wm.baseUrl() + "/v1.0", TOKEN);
    }

    @AfterEach
    void tearDown() {
        images.close();
    }

    /** The image-API headers of a request (x-image-meta-*, x-glance-*), names lower-cased. */
    static Map<String, String> glanceHeaders(LoggedRequest r) {
        Map<String, String> h = new TreeMap<>();
        for (HttpHeader header : r.getHeaders().all()) {
            String name = header.key().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-image-meta-") || name.startsWith("x-glance-")) {
                h.put(name, header.firstValue());
            }
        }
        return h;
    }

    static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    static String imageJson(String checksum, int size, String name, String properties) {
        return "{\"image\": {\"status\": \"active\", \"name\": \"" + name + "\", \"deleted\": false, "
                + "\"container_format\": \"bare\", \"created_at\": \"2013-05-24T11:44:48\", \"disk_format\": "
                + "\"qcow2\", \"updated_at\": \"2013-05-24T11:44:49\", \"id\": \"" + ID + "\", \"min_disk\": 0, "
                + "\"protected\": false, \"min_ram\": 0, \"checksum\": \"" + checksum + "\", \"owner\": \"123456\", "
                + "\"is_public\": false, \"deleted_at\": null, \"properties\": " + properties + ", \"size\": " + size
                + "}}";
    }

    static void stubUpdate(String properties, String name) {
        wm.stubFor(put(urlEqualTo(IMAGE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(imageJson("fcb3450fb99fd160f6567df398921aed", 456, name, properties))));
    }

    // $ curl -H "X-Auth-Token: $TOKEN_ID" $OS_IMAGE_URL/v1.0/images
    // (and the commented follow-up with ?marker=fcc0edba-6f1b-4451-a4cc-7c63f20430b5)
    @Test
    void listImages() {
        wm.stubFor(get(urlEqualTo("/v1.0/images?limit=25")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(V1JsonTest.SEED_LIST_RESPONSE)));
        wm.stubFor(get(urlEqualTo("/v1.0/images?limit=200&marker=fcc0edba-6f1b-4451-a4cc-7c63f20430b5"))
                .willReturn(aResponse().withStatus(200).withBody("{\"images\": []}")));

        List<Image> listed = images.listSummaries(ImageQuery.all()).stream().collect(Collectors.toList());

        assertThat(listed).extracting(Image::name).containsExactly("CentOS 6.3 Server 64-bit 20130116 (b)",
                "CentOS 5.8 Server 64-bit 20120828 (b)");
        LoggedRequest first = wm.findAll(getRequestedFor(urlEqualTo("/v1.0/images?limit=25"))).get(0);
        assertThat(first.getHeader("X-Auth-Token")).isEqualTo(TOKEN);
        assertThat(glanceHeaders(first)).isEmpty();
        // A short first page does not prove the end (the server may cap limit): the marker request follows.
        wm.verify(1, getRequestedFor(urlEqualTo("/v1.0/images?limit=200&marker=fcc0edba-6f1b-4451-a4cc-7c63f20430b5"))
                .withHeader("X-Auth-Token", equalTo(TOKEN)));
    }

    // $ curl -XPOST -H "X-Auth-Token: $TOKEN_ID" -H "Content-Type: application/octet-stream"
    //   -H "X-Image-Meta-Disk_format: qcow2" -H "X-Image-Meta-Container_format: bare"
    //   -H "X-Image-Meta-Name: My Custom Image" --data-binary @/tmp/image.qcow2 $OS_IMAGE_URL/v1.0/images
    @Test
    void uploadImageWithCurl() throws Exception {
        byte[] data = new byte[1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        TestQcow2.stamp(data); // qcow2 in fact, as declared (the SDK checks it before sending)
        // The seed's response, with the checksum and size of our 1024 bytes instead of the seed's file's (456
        // bytes: too short for a qcow2 header, which the SDK checks before sending).
        wm.stubFor(post(urlEqualTo("/v1.0/images")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(V1JsonTest.SEED_CREATE_RESPONSE.replace("fcb3450fb99fd160f6567df398921aed", md5(data))
                        .replace("\"size\": 456", "\"size\": 1024"))));

        Image image = images.createWithData(ImageSpec.builder().id(ID).name("My Custom Image")
                .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE).build(),
                ImageData.fromBytes(data), TransferListener.NONE);

        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(image.checksum()).isEqualTo(md5(data));
        LoggedRequest r = only(wm.findAll(postRequestedFor(urlEqualTo("/v1.0/images"))));
        assertThat(r.getHeader("X-Auth-Token")).isEqualTo(TOKEN);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(glanceHeaders(r)).isEqualTo(Map.of(
                "x-image-meta-disk_format", "qcow2",
                "x-image-meta-container_format", "bare",
                "x-image-meta-name", "My Custom Image",
                "x-image-meta-id", ID,        // SDK addition: retry-safe create
                "x-image-meta-size", "1024")); // SDK addition: the length is known
        assertThat(r.getBody()).isEqualTo(data);
    }

    @Test
    void uploadWhoseServerChecksumDiffersIsReportedAndTheImageDeleted() {
        wm.stubFor(post(urlEqualTo("/v1.0/images")).willReturn(aResponse().withStatus(201)
                .withBody(V1JsonTest.SEED_CREATE_RESPONSE)));
        wm.stubFor(delete(urlEqualTo(IMAGE_PATH)).willReturn(aResponse().withStatus(200)));

        assertThatThrownBy(() -> images.createWithData(ImageSpec.builder().id(ID).name("My Custom Image")
                        .diskFormat(DiskFormat.QCOW2).containerFormat(ContainerFormat.BARE).build(),
                ImageData.fromBytes(TestQcow2.stamp(new byte[1024])), TransferListener.NONE))
                .isInstanceOfSatisfying(ChecksumMismatchException.class,
                        e -> assertThat(e.actual()).isEqualTo("fcb3450fb99fd160f6567df398921aed"));
        wm.verify(1, deleteRequestedFor(urlEqualTo(IMAGE_PATH)));
    }

    @Test
    void aKnownMd5IsSentSoTheServiceVerifiesToo() throws Exception {
        byte[] data = "qcow2 bytes".getBytes(StandardCharsets.US_ASCII);
        wm.stubFor(post(urlEqualTo("/v1.0/images")).willReturn(aResponse().withStatus(201)
                .withBody(imageJson(md5(data), data.length, "x", "{}"))));
        images.createWithData(ImageSpec.builder().id(ID).name("x").build(), ImageData.fromBytes(data), md5(data),
                TransferListener.NONE);
        LoggedRequest r = only(wm.findAll(postRequestedFor(urlEqualTo("/v1.0/images"))));
        assertThat(glanceHeaders(r)).containsEntry("x-image-meta-checksum", md5(data));
    }

    // $ glance image-create --name 'My Custom Image' --container-format bare --disk-format qcow2
    //   --property architecture=x86_64 < /root/images/my_test_image.qcow2
    @Test
    void uploadImageWithGlanceClientAndArchitecture() throws Exception {
        byte[] data = TestQcow2.stamp(new byte[1000]);
        wm.stubFor(post(urlEqualTo("/v1.0/images")).willReturn(aResponse().withStatus(201)
                .withBody(imageJson(md5(data), 1000, "My Custom Image", "{\"architecture\": \"x86_64\"}"))));

        Image image = images.createWithData(ImageSpec.builder().id(ID).name("My Custom Image")
                .containerFormat(ContainerFormat.BARE).diskFormat(DiskFormat.QCOW2)
                .property(ImageProperties.architecture(Architecture.X86_64)).build(),
                ImageData.fromStream(new java.io.ByteArrayInputStream(data), -1), TransferListener.NONE);

        assertThat(image.property(ImageProperties.ARCHITECTURE)).contains(Architecture.X86_64);
        LoggedRequest r = only(wm.findAll(postRequestedFor(urlEqualTo("/v1.0/images"))));
        assertThat(glanceHeaders(r)).isEqualTo(Map.of(
                "x-image-meta-name", "My Custom Image",
                "x-image-meta-container_format", "bare",
                "x-image-meta-disk_format", "qcow2",
                "x-image-meta-property-architecture", "x86_64",
                "x-image-meta-id", ID)); // length unknown (stdin): no size, sent chunked
        assertThat(r.getHeader("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(r.getBody()).isEqualTo(data);
    }

    // curl -v -XPUT -H "X-Auth-Token: $TOKEN_ID" -H 'X-Image-Meta-Property-com.hp__1__image_type: disk'
    //   $OS_IMAGE_URL/v1.0/images/<image_id>
    @Test
    void setOneConsoleProperty() {
        stubUpdate("{\"com.hp__1__image_type\": \"disk\"}", "My Custom Image");

        Image image = images.update(ID, ImageUpdate.builder()
                .property(ImageProperties.hpImageType(HpImageType.DISK)).build());

        assertThat(image.property(ImageProperties.HP_IMAGE_TYPE)).contains(HpImageType.DISK);
        LoggedRequest r = only(wm.findAll(putRequestedFor(urlEqualTo(IMAGE_PATH))));
        assertThat(r.getHeader("X-Auth-Token")).isEqualTo(TOKEN);
        assertThat(glanceHeaders(r)).isEqualTo(Map.of(
                "x-image-meta-property-com.hp__1__image_type", "disk",
                "x-glance-registry-purge-props", "False")); // never purge on a partial update
        assertThat(r.getBody()).isEmpty();
    }

    // $ glance image-update <image> --property com.hp__1__image_type=disk --property
    //   com.hp__1__image_lifecycle=active --property com.hp__1__bootable_volume=true
    //   --property com.hp__1__os_distro=org.debian
    @Test
    void setAllFourConsolePropertiesInOneCall() {
        stubUpdate("{}", "My Custom Image");

        images.update(ID, ImageUpdate.builder()
                .property(ImageProperties.hpImageType(HpImageType.DISK))
                .property(ImageProperties.hpImageLifecycle(ImageLifecycle.ACTIVE))
                .property(ImageProperties.hpBootableVolume(true))
                .property(ImageProperties.hpOsDistro("org.debian"))
                .build());

        assertThat(glanceHeaders(only(wm.findAll(putRequestedFor(urlEqualTo(IMAGE_PATH)))))).isEqualTo(Map.of(
                "x-image-meta-property-com.hp__1__image_type", "disk",
                "x-image-meta-property-com.hp__1__image_lifecycle", "active",
                "x-image-meta-property-com.hp__1__bootable_volume", "true",
                "x-image-meta-property-com.hp__1__os_distro", "org.debian",
                "x-glance-registry-purge-props", "False"));
    }

    // $ curl -v -XHEAD -H "X-Auth-Token: $TOKEN_ID" $OS_IMAGE_URL/v1.0/images/<image_id>
    @Test
    void showImageDetails() {
        wm.stubFor(head(urlEqualTo(IMAGE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Image-Meta-Id", ID)
                .withHeader("X-Image-Meta-Name", "My Custom Image")
                .withHeader("X-Image-Meta-Status", "active")
                .withHeader("X-Image-Meta-Is_public", "False")
                .withHeader("X-Image-Meta-Container_format", "bare")
                .withHeader("X-Image-Meta-Disk_format", "qcow2")
                .withHeader("X-Image-Meta-Size", "456")
                .withHeader("X-Image-Meta-Checksum", "fcb3450fb99fd160f6567df398921aed")
                .withHeader("X-Image-Meta-Created_at", "2013-05-24T11:44:48.000000")
                .withHeader("X-Image-Meta-Property-architecture", "x86_64")
                .withHeader("X-Image-Meta-Property-com.hp__1__image_type", "disk")));

        Image image = images.get(ID);

        assertThat(image.name()).isEqualTo("My Custom Image");
        assertThat(image.isActive()).isTrue();
        assertThat(image.isPublic()).isFalse();
        assertThat(image.size()).isEqualTo(456L);
        assertThat(image.properties()).containsEntry("architecture", "x86_64")
                .containsEntry("com.hp__1__image_type", "disk");
        LoggedRequest r = only(wm.findAll(headRequestedFor(urlEqualTo(IMAGE_PATH))));
        assertThat(r.getHeader("X-Auth-Token")).isEqualTo(TOKEN);
        assertThat(glanceHeaders(r)).isEmpty();
    }

    // $ curl -v -XPUT -H "X-Auth-Token: $TOKEN_ID" -H 'X-Image-Meta-Is_public: True'
    //   -H 'X-glance-registry-Purge-props: False' $OS_IMAGE_URL/v1.0/images/<image_id>
    // $ glance image-update <image> --is-public=true
    @Test
    void makeImagePublic() {
        stubUpdate("{\"architecture\": \"x86_64\"}", "My Custom Image");

        images.makePublic(ID);

        assertThat(glanceHeaders(only(wm.findAll(putRequestedFor(urlEqualTo(IMAGE_PATH)))))).isEqualTo(Map.of(
                "x-image-meta-is_public", "True",
                "x-glance-registry-purge-props", "False"));
    }

    // curl -v -XDELETE -H "X-Auth-Token: $TOKEN_ID" $OS_IMAGE_URL/v1.0/images/<image ID>
    @Test
    void deleteImage() {
        wm.stubFor(delete(urlEqualTo(IMAGE_PATH)).willReturn(aResponse().withStatus(200)));

        images.delete(ID);

        LoggedRequest r = only(wm.findAll(deleteRequestedFor(urlEqualTo(IMAGE_PATH))));
        assertThat(r.getHeader("X-Auth-Token")).isEqualTo(TOKEN);
        assertThat(glanceHeaders(r)).isEmpty();
    }

    // curl -v -XPUT -H "X-Auth-Token: $TOKEN_ID" -H 'X-Image-Meta-Property-com.hp__1__image_lifecycle: deprecated'
    //   $OS_IMAGE_URL/v1.0/images/<image ID>
    @Test
    void deprecateWithCurl() {
        stubUpdate("{\"com.hp__1__image_lifecycle\": \"deprecated\"}", "My Custom Image");

        images.update(ID, ImageUpdate.builder()
                .property(ImageProperties.hpImageLifecycle(ImageLifecycle.DEPRECATED)).build());

        assertThat(glanceHeaders(only(wm.findAll(putRequestedFor(urlEqualTo(IMAGE_PATH)))))).isEqualTo(Map.of(
                "x-image-meta-property-com.hp__1__image_lifecycle", "deprecated",
                "x-glance-registry-purge-props", "False"));
    }

    // $ glance image-update <image> --property com.hp__1__image_lifecycle=deprecated --name '<image_name> (deprecated)'
    @Test
    void deprecateWithGlanceClientRenamesToo() {
        wm.stubFor(head(urlEqualTo(IMAGE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Image-Meta-Id", ID).withHeader("X-Image-Meta-Name", "My Custom Image")));
        stubUpdate("{\"com.hp__1__image_lifecycle\": \"deprecated\"}", "My Custom Image (deprecated)");

        Image image = images.deprecate(ID);

        assertThat(image.name()).isEqualTo("My Custom Image (deprecated)");
        assertThat(glanceHeaders(only(wm.findAll(putRequestedFor(urlEqualTo(IMAGE_PATH)))))).isEqualTo(Map.of(
                "x-image-meta-property-com.hp__1__image_lifecycle", "deprecated",
                "x-image-meta-name", "My Custom Image (deprecated)",
                "x-glance-registry-purge-props", "False"));
    }

    // $ glance image-update <image_uuid or image_name> --purge-props
    @Test
    void purgeAllPropertiesOnlyWhenAskedTo() {
        stubUpdate("{\"hp_image_license\": \"1002\"}", "snap");

        Image image = images.update(ID, ImageUpdate.builder().replaceAllProperties().build());

        assertThat(image.properties()).containsOnlyKeys("hp_image_license");
        assertThat(glanceHeaders(only(wm.findAll(putRequestedFor(urlEqualTo(IMAGE_PATH)))))).isEqualTo(Map.of(
                "x-glance-registry-purge-props", "True"));
    }

    @Test
    void removingOnePropertyResendsTheOthersWithPurge() {
        wm.stubFor(head(urlEqualTo(IMAGE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Image-Meta-Id", ID)
                .withHeader("X-Image-Meta-Property-architecture", "x86_64")
                .withHeader("X-Image-Meta-Property-instance_uuid", "abc")));
        stubUpdate("{\"architecture\": \"x86_64\"}", "snap");

        images.update(ID, ImageUpdate.builder().removeProperty("instance_uuid").build());

        assertThat(glanceHeaders(only(wm.findAll(putRequestedFor(urlEqualTo(IMAGE_PATH)))))).isEqualTo(Map.of(
                "x-image-meta-property-architecture", "x86_64",
                "x-glance-registry-purge-props", "True"));
    }

    @Test
    void nothingIsSentForAnUpdateV1CannotExpress() {
        assertThatThrownBy(() -> images.update(ID, ImageUpdate.builder().property("OS-Distro", "x").build()))
                .hasMessageContaining("'os_distro'");
        assertThatThrownBy(() -> images.addTag(ID, "t")).hasMessageContaining("no tags");
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void seedWorkflowCreateDoesNotSendAnIsPublicHeaderUnlessAsked() {
        wm.stubFor(post(urlEqualTo("/v1.0/images")).willReturn(aResponse().withStatus(201)
                .withBody(imageJson("fcb3450fb99fd160f6567df398921aed", 0, "x", "{}"))));
        images.create(ImageSpec.builder().id(ID).name("x").visibility(Visibility.PRIVATE).build());
        wm.verify(postRequestedFor(urlEqualTo("/v1.0/images")).withHeader("x-image-meta-is_public", equalTo("False"))
                .withHeader("x-image-meta-size", absent()));
    }
}
