package dev.imagesdk.v2.internal;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.v2.Task;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The facade {@link V2ImageService} across its smaller rooms ({@link V2Schemas}, {@link V2Imports} usage,
 * {@link V2Tasks}, {@link V2Locations}, {@link V2Cache}, {@link V2Metadefs}) and its own {@code close()}.
 */
class V2ImageServiceTest extends V2WireFixture {

    @Test
    void schemaUsageTaskLocationsCacheAndMetadefsAreRead() {
        wm.stubFor(get("/v2/schemas/image").willReturn(json(200, "{\"name\":\"image\",\"properties\":{}}")));
        wm.stubFor(get("/v2/schemas/metadefs/namespace").willReturn(json(200, "{\"name\":\"namespace\"}")));
        wm.stubFor(get("/v2/info/usage").willReturn(json(200,
                "{\"usage\":{\"image_size_total\":{\"limit\":1000,\"usage\":3},\"image_count_total\":{\"limit\":-1,\"usage\":7}}}")));
        String task = Transcripts.json("tasks.json").get("tasks").get(0).toString();
        wm.stubFor(get("/v2/tasks/8ae92d67-e71b-4ca3-b484-724b3225743f").willReturn(json(200, task)));
        wm.stubFor(get("/v2/images/" + ID + "/locations").willReturn(json(200,
                "[{\"url\":\"file:///var/lib/glance/images/x\",\"metadata\":{\"store\":\"file1\"}}]")));
        wm.stubFor(get("/v2/cache").willReturn(json(200,
                "{\"cached_images\":[{\"image_id\":\"" + ID + "\",\"hits\":1}],\"queued_images\":[\"q1\"]}")));
        wm.stubFor(get("/v2/metadefs/namespaces").willReturn(json(200, "{\"namespaces\":[]}")));

        assertThat(images.schema("image")).contains("\"name\":\"image\"");
        assertThat(images.schema("metadefs/namespace")).contains("namespace");
        assertThat(images.usage()).containsEntry("image_size_total", new dev.imagesdk.v2.Usage(1000, 3))
                .containsEntry("image_count_total", new dev.imagesdk.v2.Usage(-1, 7));
        Task t = images.task("8ae92d67-e71b-4ca3-b484-724b3225743f");
        assertThat(t.status()).isEqualTo("success");
        assertThat(t.imageId()).isEqualTo("0052d075-ad0d-4201-a324-e8b74ab74259");
        assertThat(images.locations(ID)).singleElement()
                .satisfies(l -> assertThat(l.metadata()).containsEntry("store", "file1"));
        assertThat(images.cache().cachedImageIds()).containsExactly(ID);
        assertThat(images.cache().queuedImageIds()).containsExactly("q1");
        assertThat(images.metadefNamespaces()).isEqualTo("{\"namespaces\":[]}");
        wm.verify(getRequestedFor(urlEqualTo("/v2/schemas/metadefs/namespace")));
        assertThatThrownBy(() -> images.schema("../etc")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void addLocationAndQueueForCacheSendTheirRequests() {
        wm.stubFor(post("/v2/images/" + ID + "/locations").willReturn(aResponse().withStatus(202)));
        wm.stubFor(put("/v2/cache/" + ID).willReturn(aResponse().withStatus(202)));
        images.addLocation(ID, "http://127.0.0.1:18080/x.raw", java.util.Map.of("os_hash_algo", "sha512"));
        images.queueForCache(ID);
        wm.verify(postRequestedFor(urlEqualTo("/v2/images/" + ID + "/locations")).withRequestBody(equalToJson(
                "{\"url\":\"http://127.0.0.1:18080/x.raw\",\"validation_data\":{\"os_hash_algo\":\"sha512\"}}")));
        wm.verify(putRequestedFor(urlEqualTo("/v2/cache/" + ID)));
    }

    @Test
    void clearCacheSendsTheTargetHeaderAndRefusesOtherTargets() {
        wm.stubFor(delete("/v2/cache").willReturn(aResponse().withStatus(204)));
        images.clearCache("queue");
        wm.verify(deleteRequestedFor(urlEqualTo("/v2/cache")).withHeader("x-image-cache-clear-target", equalTo("queue")));
        assertThatThrownBy(() -> images.clearCache("everything")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void closeIsIdempotent() {
        int[] closes = {0};
        V2ImageService s = new V2ImageService(TestWiring.api(("http://127.0.0.1:" + wm.getPort())), TestWiring.gets(), runner, TestWiring::mapError, transfer,
                ("http://127.0.0.1:" + wm.getPort()), TestWiring.JSON, V2Settings.defaults(), () -> closes[0]++);
        s.close();
        s.close();
        assertThat(closes[0]).isEqualTo(1);
    }
}
