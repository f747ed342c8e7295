package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.inspect.DiskHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code virtual_size} as Glance 25 computes it while saving data: for a bare container and a declared disk format
 * that its inspector knows (raw, qcow2, vhd, vhdx, vmdk, vdi; also qed, which Glance's image schema does not
 * accept as a disk format) when the content is of that format; raw is the data's size; anything else leaves it
 * null.
 */
class VirtualSizeTest {
    private static final long GIB = 1024L * 1024 * 1024;

    /** A low memory threshold, so that the larger headers are read back from file-backed blobs too. */
    @RegisterExtension
    static final FakeGlanceExtension GLANCE = FakeGlanceExtension.configured(b -> b.memoryThreshold(16 * 1024));

    private Http demo;

    @BeforeEach
    void setUp(FakeGlance fake) {
        demo = new Http(fake).as("demo");
    }

    private JsonNode saved(String disk, String container, byte[] data) {
        String id = demo.create("{\"disk_format\": \"" + disk + "\", \"container_format\": \"" + container + "\"}");
        assertThat(tree(demo.get("/v2/images/" + id)).get("virtual_size").isNull()).isTrue();
        assertThat(demo.upload(id, data).statusCode()).isEqualTo(204);
        JsonNode img = tree(demo.get("/v2/images/" + id));
        assertThat(img.get("status").asText()).isEqualTo("active");
        assertThat(img.get("size").asLong()).isEqualTo(data.length);
        return img.get("virtual_size");
    }

    @Test
    void eachInspectedFormatGetsTheVirtualSizeItsHeaderStates() {
        assertThat(saved("qcow2", "bare", DiskHeaders.qcow2(3 * GIB)).asLong()).isEqualTo(3 * GIB);
        assertThat(saved("vhd", "bare", DiskHeaders.vhd(2 * GIB)).asLong()).isEqualTo(2 * GIB);
        assertThat(saved("vhdx", "bare", DiskHeaders.vhdx(5 * GIB)).asLong()).isEqualTo(5 * GIB);
        assertThat(saved("vmdk", "bare", DiskHeaders.vmdk(2048)).asLong()).isEqualTo(2048 * 512);
        assertThat(saved("vdi", "bare", DiskHeaders.vdi(GIB)).asLong()).isEqualTo(GIB);
    }

    @Test
    void rawIsItsSizeWhateverItHoldsAndEmptyRawHasNone() {
        assertThat(saved("raw", "bare", ImagesApiTest.random(4096)).asLong()).isEqualTo(4096);
        byte[] qcow2 = DiskHeaders.qcow2(3 * GIB);
        assertThat(saved("raw", "bare", qcow2).asLong()).as("Glance's raw inspector counts bytes").isEqualTo(qcow2.length);
        assertThat(saved("raw", "bare", new byte[0]).isNull()).isTrue();
    }

    @Test
    void noVirtualSizeForOtherContainersOtherFormatsOrContentOfAnotherFormat() {
        assertThat(saved("qcow2", "ovf", DiskHeaders.qcow2(3 * GIB)).isNull()).isTrue();
        assertThat(saved("raw", "ova", ImagesApiTest.random(4096)).isNull()).isTrue();
        assertThat(saved("iso", "bare", DiskHeaders.iso(100)).isNull()).isTrue();
        assertThat(saved("qcow2", "bare", ImagesApiTest.random(4096)).isNull()).isTrue();
        assertThat(saved("vmdk", "bare", DiskHeaders.qcow2(3 * GIB)).isNull()).isTrue();
    }

    @Test
    void glanceDirectImportComputesItFromTheStagedData() {
        String id = demo.create("{\"disk_format\": \"qcow2\", \"container_format\": \"bare\"}");
        assertThat(demo.send("PUT", "/v2/images/" + id + "/stage", DiskHeaders.qcow2(4 * GIB),
                "Content-Type", "application/octet-stream").statusCode()).isEqualTo(204);
        assertThat(demo.json("POST", "/v2/images/" + id + "/import", "{\"method\": {\"name\": \"glance-direct\"}}")
                .statusCode()).isEqualTo(202);
        JsonNode img = tree(demo.get("/v2/images/" + id));
        assertThat(img.get("status").asText()).isEqualTo("active");
        assertThat(img.get("virtual_size").asLong()).isEqualTo(4 * GIB);
    }
}
