package dev.imagesdk.v1.internal;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.exception.BadRequestException;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ForbiddenException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.exception.WaiterException;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageQuery;
import dev.imagesdk.model.ImageSpec;
import dev.imagesdk.model.ImageStatus;
import dev.imagesdk.model.MemberStatus;
import dev.imagesdk.model.SortDirection;
import dev.imagesdk.model.SortKey;
import dev.imagesdk.model.Visibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The v1 calls beyond the seed's examples: lists with filters, creates, waits, errors, what v1 does not have;
 * on the production path ({@link V1TestServices}). Members and shared images are in {@link V1MembersTest}.
 */
class V1ServiceWireTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    static final String ID = "2ffc3a4c-8272-478f-a5a8-0067c0012e33";

    private V1ImageService images;

    @BeforeEach
    void setUp() {
        images = V1TestServices.on(wm.baseUrl(), "tok");
    }

    @AfterEach
    void tearDown() {
        images.close();
    }

    private static String page(String... ids) {
        return "{\"images\": [" + java.util.Arrays.stream(ids).map(i -> "{\"id\": \"" + i + "\", \"status\": \"active\"}")
                .collect(Collectors.joining(", ")) + "]}";
    }

    private static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    @Test
    void speaksApiV1() {
        assertThat(images.apiVersion()).isEqualTo(ApiVersion.V1);
    }

    @Test
    void detailListSendsFiltersAndFollowsMarkersPastAServerCap() {
        // Asked for 5 per page; the server caps at 2.
        String base = "/v1/images/detail?name=web&status=active&disk_format=qcow2&is_public=True"
                + "&property-architecture=x86_64&sort_key=name&sort_dir=asc&limit=5";
        wm.stubFor(get(urlEqualTo(base)).willReturn(aResponse().withBody(page(id(1), id(2)))));
        wm.stubFor(get(urlEqualTo(base + "&marker=" + id(2))).willReturn(aResponse().withBody(page(id(3), id(4)))));
        wm.stubFor(get(urlEqualTo(base + "&marker=" + id(4))).willReturn(aResponse().withBody(page(id(5)))));

        List<Image> listed = images.list(ImageQuery.builder().name("web").status(ImageStatus.ACTIVE)
                .diskFormat(DiskFormat.QCOW2).isPublic(true).property("architecture", "x86_64")
                .sort(SortKey.NAME, SortDirection.ASC).pageSize(5).build()).stream().collect(Collectors.toList());

        assertThat(listed).extracting(Image::id).containsExactly(id(1), id(2), id(3), id(4), id(5));
        wm.verify(3, getRequestedFor(urlPathEqualTo("/v1/images/detail")));
    }

    @Test
    void encodedQueryValuesAndIdsReachTheServerAsEncoded() {
        // Feign must not re-encode (or decode) what the v1 encoder produced.
        wm.stubFor(get(urlEqualTo("/v1/images/detail?name=web%20server%2B1%26x%3D%7By%7D&limit=25"))
                .willReturn(aResponse().withBody(page())));
        assertThat(images.list(ImageQuery.builder().name("web server+1&x={y}").build()).stream().count()).isZero();
        wm.verify(1, getRequestedFor(urlEqualTo("/v1/images/detail?name=web%20server%2B1%26x%3D%7By%7D&limit=25")));
    }

    @Test
    void headerValuesWithBracesAreSentLiterally() {
        // Feign treats {x} in header templates as expressions; a property value must never be expanded.
        wm.stubFor(put(urlEqualTo("/v1/images/" + ID)).willReturn(aResponse().withBody(
                "{\"image\": {\"id\": \"" + ID + "\", \"status\": \"active\"}}")));
        images.update(ID, dev.imagesdk.model.ImageUpdate.builder().property("note", "{\"a\": \"{b}\"}").build());
        wm.verify(putRequestedFor(urlEqualTo("/v1/images/" + ID))
                .withHeader("x-image-meta-property-note", equalTo("{\"a\": \"{b}\"}")));
    }

    @Test
    void listStartsAtTheQueryMarker() {
        wm.stubFor(get(urlEqualTo("/v1/images/detail?limit=25&marker=" + id(7))).willReturn(aResponse().withBody(page())));
        assertThat(images.list(ImageQuery.builder().marker(id(7)).build()).stream().count()).isZero();
        wm.verify(1, getRequestedFor(urlEqualTo("/v1/images/detail?limit=25&marker=" + id(7))));
    }

    @Test
    void v2OnlyFiltersFailBeforeAnyRequest() {
        assertThatThrownBy(() -> images.list(ImageQuery.builder().visibility(Visibility.PUBLIC).build()))
                .isInstanceOf(InvalidInputException.class);
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void tagsAndMemberStatusesDoNotExistInV1() {
        assertThatThrownBy(() -> images.addTag(ID, "t")).isInstanceOf(ImageSdkClientException.class)
                .hasMessageContaining("no tags");
        assertThatThrownBy(() -> images.removeTag(ID, "t")).isInstanceOf(ImageSdkClientException.class);
        assertThatThrownBy(() -> images.updateMemberStatus(ID, "p", MemberStatus.ACCEPTED))
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("member statuses");
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void copyFromAndLocationCreatesSendTheirHeaders() {
        wm.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withStatus(201)
                .withBody("{\"image\": {\"id\": \"" + ID + "\", \"status\": \"queued\"}}")));
        ImageSpec spec = ImageSpec.builder().id(ID).name("c").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).build();

        assertThat(images.createCopyFrom(spec, URI.create("http://example.com/cirros.img")).status())
                .isEqualTo(ImageStatus.QUEUED);
        images.createWithLocation(spec, URI.create("swift://account/images/x"), "B43071530A6A1704B5B8B644A6F5231E");

        wm.verify(postRequestedFor(urlEqualTo("/v1/images"))
                .withHeader("x-glance-api-copy-from", equalTo("http://example.com/cirros.img")));
        wm.verify(postRequestedFor(urlEqualTo("/v1/images"))
                .withHeader("x-image-meta-location", equalTo("swift://account/images/x"))
                .withHeader("x-image-meta-checksum", equalTo("b43071530a6a1704b5b8b644a6f5231e")));
        assertThatThrownBy(() -> images.createWithLocation(spec, URI.create("swift://a/b"), "not-md5"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("expected MD5");
    }

    @Test
    void createWithoutIdSendsAGeneratedUuid() {
        wm.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withStatus(201)
                .withBody("{\"image\": {\"id\": \"" + ID + "\", \"status\": \"queued\"}}")));
        images.create(ImageSpec.builder().name("n").build());
        String sent = wm.findAll(postRequestedFor(urlEqualTo("/v1/images"))).get(0).getHeader("x-image-meta-id");
        assertThat(UUID.fromString(sent).toString()).isEqualTo(sent);
    }

    @Test
    void errorStatusesBecomeTypedExceptionsWithGlancesMessage() {
        wm.stubFor(head(urlEqualTo("/v1/images/" + ID)).willReturn(aResponse().withStatus(404)
                .withHeader("x-openstack-request-id", "req-1")));
        wm.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withStatus(400)
                .withBody("400 Bad Request\n\nBad header: x-image-meta-foo\n\n   ")));
        wm.stubFor(delete(urlEqualTo("/v1/images/" + ID)).willReturn(aResponse().withStatus(403)
                .withBody("<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1>"
                        + "Image is protected<br /><br /></body></html>")));
        wm.stubFor(put(urlEqualTo("/v1/images/" + ID)).willReturn(aResponse().withStatus(409)
                .withBody("Cannot upload to an unqueued image")));

        assertThatThrownBy(() -> images.get(ID)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.requestId()).contains("req-1"));
        assertThat(images.find(ID)).isEmpty();
        assertThatThrownBy(() -> images.create(ImageSpec.builder().name("x").build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.serviceMessage()).isEqualTo("Bad header: x-image-meta-foo"));
        assertThatThrownBy(() -> images.delete(ID)).isInstanceOfSatisfying(ForbiddenException.class,
                e -> assertThat(e.serviceMessage()).contains("Image is protected"));
        assertThatThrownBy(() -> images.upload(ID, dev.imagesdk.ImageData.fromBytes(new byte[3])))
                .isInstanceOf(ConflictException.class).hasMessageContaining("unqueued");
    }

    @Test
    void aRefusedConnectionIsATransportException() {
        try (V1ImageService dead = V1TestServices.on("http://127.0.0.1:1", null)) {
            assertThatThrownBy(() -> dead.get(ID)).isInstanceOf(TransportException.class);
        }
    }

    @Test
    void waitForStatusPollsUntilActive() {
        String path = "/v1/images/" + ID;
        wm.stubFor(head(urlEqualTo(path)).inScenario("upload").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withHeader("x-image-meta-id", ID).withHeader("x-image-meta-status", "queued"))
                .willSetStateTo("saving"));
        wm.stubFor(head(urlEqualTo(path)).inScenario("upload").whenScenarioStateIs("saving")
                .willReturn(aResponse().withHeader("x-image-meta-id", ID).withHeader("x-image-meta-status", "saving"))
                .willSetStateTo("active"));
        wm.stubFor(head(urlEqualTo(path)).inScenario("upload").whenScenarioStateIs("active")
                .willReturn(aResponse().withHeader("x-image-meta-id", ID).withHeader("x-image-meta-status", "active")));

        assertThat(images.waitForStatus(ID, ImageStatus.ACTIVE, Duration.ofSeconds(10)).isActive()).isTrue();
        wm.verify(3, com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor(urlEqualTo(path)));
    }

    @Test
    void waitForStatusFailsFastOnKilled() {
        wm.stubFor(head(urlEqualTo("/v1/images/" + ID)).willReturn(aResponse().withHeader("x-image-meta-id", ID)
                .withHeader("x-image-meta-status", "killed")));
        assertThatThrownBy(() -> images.waitForStatus(ID, ImageStatus.ACTIVE, Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(WaiterException.class, e -> assertThat(e.getMessage()).contains("killed"));
    }

    @Test
    void waitingForDeletedIsMetByA404AndAnyOtherWaitFailsFastOnIt() {
        wm.stubFor(head(urlEqualTo("/v1/images/" + ID)).willReturn(aResponse().withStatus(404)));
        assertThat(images.waitForStatus(ID, ImageStatus.DELETED, Duration.ofSeconds(10)).status())
                .isEqualTo(ImageStatus.DELETED);
        assertThatThrownBy(() -> images.waitForStatus(ID, ImageStatus.ACTIVE, Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(WaiterException.class, e -> assertThat(e.timedOut()).isFalse());
    }

    @Test
    void blankIdsAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> images.get(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> images.sharedImages(null)).isInstanceOf(InvalidInputException.class);
        wm.verify(0, anyRequestedFor(anyUrl()));
    }
}
