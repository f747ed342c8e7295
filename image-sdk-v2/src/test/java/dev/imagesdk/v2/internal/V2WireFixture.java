package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * What the v2 resource tests ({@link V2ImagesTest}, {@link V2ImageDataTest}, {@link V2ImportsTest},
 * {@link V2TagsTest}, {@link V2MembersTest}, {@link V2ImageServiceTest}) share: a WireMock Glance on 127.0.0.1,
 * and a fresh {@link V2ImageService} on it for each test with a recording runner and transfer, and a fake clock
 * and pause (every pause is recorded in {@link #pauses} and advances {@link #clock}; nothing sleeps).
 */
abstract class V2WireFixture {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    static final String ID = "d63ff38b-68c1-49d6-93fb-96740f4fbd4e";
    static final String JSON_CT = "application/json";
    static final byte[] DATA = "some image bytes".getBytes(StandardCharsets.UTF_8);

    TestWiring.Runner runner;
    TestWiring.Transfer transfer;
    AtomicLong clock;
    List<Duration> pauses;
    V2ImageService images;

    @BeforeEach
    void setUp() {
        String root = ("http://127.0.0.1:" + wm.getPort());
        runner = new TestWiring.Runner();
        transfer = new TestWiring.Transfer(root);
        clock = new AtomicLong();
        pauses = new ArrayList<>();
        images = service(root, true);
    }

    V2ImageService service(String root, boolean deleteOnMismatch) {
        V2Settings settings = new V2Settings(deleteOnMismatch, null, Duration.ofMillis(100), Duration.ofMillis(400),
                d -> {
                    pauses.add(d);
                    clock.addAndGet(d.toNanos());
                }, clock::get);
        return new V2ImageService(TestWiring.api(root), TestWiring.gets(), runner, TestWiring::mapError, transfer, root,
                TestWiring.JSON, settings, null);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON_CT)
                .withHeader("X-Openstack-Request-Id", "req-test").withBody(body);
    }

    static String imageJson(String file) {
        return Transcripts.text(file);
    }

    /** {@code GET /v2/images/ID} answers an active image that recorded these checksums and size. */
    void stubStoredImage(String md5, String sha512, long size) {
        ObjectNode img = (ObjectNode) Transcripts.json("image-active.json");
        img.put("checksum", md5).put("os_hash_value", sha512).put("size", size);
        wm.stubFor(get("/v2/images/" + ID).willReturn(json(200, img.toString())));
    }
}
