package dev.imagesdk.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Large images go through the fake with a flat heap: the data is generated on the fly (never
 * held in memory), the fake spills it to a temp file, and the surefire heap is 384 MiB. The
 * 4 GiB case needs ~4 GiB of temp disk and takes minutes on 2 shared cores (MD5 and SHA-512 of
 * every byte dominate), so it runs only with
 * {@code -Dimagesdk.large=true}.
 */
class LargeImageTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void sixtyFourMibUploadAndDownloadKeepTheHeapFlat() throws Exception {
        roundTrip(64 * MIB);
    }

    @Test
    @Tag("large")
    @EnabledIfSystemProperty(named = "imagesdk.large", matches = "true")
    void fourGibUploadAndDownloadKeepTheHeapFlat() throws Exception {
        roundTrip(4096 * MIB);
    }

    private static long usedHeapAfterGc(MemoryMXBean mem) {
        System.gc();
        return mem.getHeapMemoryUsage().getUsed();
    }

    private static void roundTrip(long size) throws Exception {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        try (FakeGlance fake = FakeGlance.builder().memoryThreshold(MIB).start()) {
            String token = fake.issueToken("demo");
            String id = new Http(fake).withToken(token).create(
                    "{\"name\": \"big\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
            long before = usedHeapAfterGc(mem);

            HttpURLConnection up = open(fake, token, id);
            up.setRequestMethod("PUT");
            up.setDoOutput(true);
            up.setFixedLengthStreamingMode(size);
            up.setRequestProperty("Content-Type", "application/octet-stream");
            MessageDigest sent = MessageDigest.getInstance("MD5");
            CRC32 sentCrc = new CRC32();
            try (OutputStream out = up.getOutputStream()) {
                byte[] buf = new byte[256 * 1024];
                for (long off = 0; off < size; off += buf.length) {
                    fill(buf, off);
                    int n = (int) Math.min(buf.length, size - off);
                    sent.update(buf, 0, n);
                    sentCrc.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            assertThat(up.getResponseCode()).isEqualTo(204);
            String md5 = HexFormat.of().formatHex(sent.digest());
            assertThat(fake.image(id).orElseThrow().get("checksum")).isEqualTo(md5);
            assertThat(fake.image(id).orElseThrow().get("size")).isEqualTo(size);
            assertThat(fake.blobsOnDisk()).isEqualTo(1);
            assertThat(usedHeapAfterGc(mem) - before).as("heap growth after upload").isLessThan(Math.min(size / 2, 64 * MIB));

            HttpURLConnection down = open(fake, token, id);
            // CRC32 (cheap) compares the bytes; the server's MD5 was checked against ours above
            CRC32 got = new CRC32();
            long n = 0;
            try (InputStream in = down.getInputStream()) {
                assertThat(down.getHeaderField("Content-MD5")).isEqualTo(md5);
                byte[] buf = new byte[256 * 1024];
                int r;
                while ((r = in.read(buf)) > 0) {
                    got.update(buf, 0, r);
                    n += r;
                }
            }
            assertThat(n).isEqualTo(size);
            assertThat(got.getValue()).isEqualTo(sentCrc.getValue());
            assertThat(usedHeapAfterGc(mem) - before).as("heap growth after download").isLessThan(Math.min(size / 2, 64 * MIB));

            new Http(fake).withToken(token).send("DELETE", "/v2/images/" + id, null);
            assertThat(fake.blobsOnDisk()).isZero();
        }
    }

    private static HttpURLConnection open(FakeGlance fake, String token, String id) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(fake.url() + "/v2/images/" + id + "/file").toURL()
                .openConnection();
        c.setRequestProperty("X-Auth-Token", token);
        c.setReadTimeout(120_000);
        return c;
    }

    /** Deterministic, non-repeating-per-block content derived from the offset. */
    private static void fill(byte[] buf, long offset) {
        long x = offset * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < buf.length; i += 8) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            for (int j = 0; j < 8 && i + j < buf.length; j++) {
                buf[i + j] = (byte) (x >>> (8 * j));
            }
        }
    }
}
