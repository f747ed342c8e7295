package dev.imagesdk.internal.transfer;

import dev.imagesdk.DownloadOptions;
import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.exception.IdleTimeoutException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.TransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamingImageDownloadTest {

    private static final int SIZE = 2 * 1024 * 1024 + 333;

    private final byte[] data = TestData.random(SIZE, 42);
    private final ImageServer glance = new ImageServer(data);
    /** Generous idle timeout: a loaded build machine must not cause unplanned resumes. */
    private final TransferEngine engine = new TransferEngine(TransferConfig.builder()
            .idleTimeout(Duration.ofSeconds(30)).maxResumes(3).build());
    private final TransferEngine impatient = new TransferEngine(TransferConfig.builder()
            .idleTimeout(Duration.ofMillis(200)).maxResumes(3).build());

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        glance.close();
        engine.close();
        impatient.close();
    }

    private DownloadMetadata sha512Metadata() {
        return new DownloadMetadata(Optional.of(new ExpectedChecksum("sha512", TestData.sha512(data), "os_hash_value")),
                SIZE);
    }

    private ImageDownload download(DownloadMetadata metadata) {
        return download(engine, metadata);
    }

    private ImageDownload download(TransferEngine engine, DownloadMetadata metadata) {
        return engine.newDownload("img-1", () -> metadata,
                () -> new DataRequest(glance.url(), Map.of("X-Auth-Token", "tok")),
                ExpectedChecksum::fromContentMd5,
                (status, headers, body) -> status == 404
                        ? new NotFoundException("image not found", null)
                        : new ImageServiceException(status, "", null));
    }

    private List<Path> filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void toPathVerifiesSha512AndWritesTheImage() throws Exception {
        Path target = dir.resolve("image.raw");
        List<Long> progress = new CopyOnWriteArrayList<>();

        DownloadResult result = download(sha512Metadata()).listener((done, total) -> progress.add(done))
                .toPath(target);

        assertThat(result).isEqualTo(new DownloadResult("img-1", SIZE, "sha512", TestData.sha512(data), 0));
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(filesIn(dir)).containsExactly(target);
        assertThat(progress).isSorted().last().isEqualTo((long) SIZE);
        assertThat(glance.requests()).singleElement().satisfies(r -> {
            assertThat(r.range()).isNull();
            assertThat(r.token()).isEqualTo("tok");
        });
    }

    @Test
    void toPathWithoutDurabilityVerifiesAndMovesTheImageIntoPlace() throws Exception {
        Path target = dir.resolve("image.raw");
        Files.writeString(target, "old");

        DownloadResult result = download(sha512Metadata())
                .toPath(target, DownloadOptions.builder().durable(false).build());

        assertThat(result).isEqualTo(new DownloadResult("img-1", SIZE, "sha512", TestData.sha512(data), 0));
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void toPathWithoutDurabilityLeavesNothingOnAMismatch() throws Exception {
        Path target = dir.resolve("image.raw");
        DownloadMetadata wrong = new DownloadMetadata(
                Optional.of(new ExpectedChecksum("sha512", "ab".repeat(64), "os_hash_value")), SIZE);

        assertThatThrownBy(() -> download(wrong).toPath(target, DownloadOptions.builder().durable(false).build()))
                .isInstanceOf(ChecksumMismatchException.class);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void toPathWithNullOptionsIsTheDurableDefault() throws Exception {
        Path target = dir.resolve("image.raw");

        DownloadResult result = download(sha512Metadata()).toPath(target, null);

        assertThat(result.digest()).isEqualTo(TestData.sha512(data));
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
    }

    @Test
    void verifiesMd5ChecksumWhenTheImageHasNoMultihash() throws Exception {
        DownloadMetadata meta = new DownloadMetadata(
                ExpectedChecksum.fromV2(null, null, TestData.md5(data), false), SIZE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DownloadResult result = download(meta).toOutputStream(out);

        assertThat(result.algorithm()).isEqualTo("md5");
        assertThat(result.digest()).isEqualTo(TestData.md5(data));
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void usesContentMd5WhenTheMetadataHasNoChecksum() {
        glance.contentMd5(TestData.md5(data));

        DownloadResult result = download(new DownloadMetadata(Optional.empty(), -1))
                .toOutputStream(new ByteArrayOutputStream());

        assertThat(result.algorithm()).isEqualTo("md5");
        assertThat(result.digest()).isEqualTo(TestData.md5(data));
    }

    @Test
    void wrongContentMd5IsDetected() {
        glance.contentMd5(TestData.md5("other".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> download(new DownloadMetadata(Optional.empty(), -1))
                .toOutputStream(new ByteArrayOutputStream()))
                .isInstanceOf(ChecksumMismatchException.class)
                .satisfies(e -> {
                    ChecksumMismatchException m = (ChecksumMismatchException) e;
                    assertThat(m.algorithm()).isEqualTo("md5");
                    assertThat(m.actual()).isEqualTo(TestData.md5(data));
                });
    }

    @Test
    void noChecksumAnywhereReportsAlgorithmNone() {
        DownloadResult result = download(new DownloadMetadata(Optional.empty(), SIZE))
                .toOutputStream(new ByteArrayOutputStream());

        assertThat(result.algorithm()).isEqualTo("none");
        assertThat(result.digest()).isEmpty();
        assertThat(result.bytes()).isEqualTo(SIZE);
    }

    @Test
    void flippedByteFailsWithMismatchAndLeavesNoFile() throws Exception {
        glance.fault(0, new ImageServer.FlipByte(SIZE / 2));
        Path target = dir.resolve("image.raw");

        assertThatThrownBy(() -> download(sha512Metadata()).toPath(target))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("img-1");

        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void existingTargetIsUntouchedWhenTheDownloadFails() throws Exception {
        glance.fault(0, new ImageServer.FlipByte(0));
        Path target = dir.resolve("image.raw");
        Files.writeString(target, "previous image");

        assertThatThrownBy(() -> download(sha512Metadata()).toPath(target))
                .isInstanceOf(ChecksumMismatchException.class);

        assertThat(Files.readString(target)).isEqualTo("previous image");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void existingTargetIsReplacedAfterVerification() throws Exception {
        Path target = dir.resolve("image.raw");
        Files.writeString(target, "previous image");

        download(sha512Metadata()).toPath(target);

        assertThat(Files.readAllBytes(target)).isEqualTo(data);
    }

    @Test
    void droppedConnectionIsResumedWithRangeFromTheByteReached() throws Exception {
        int dropAt = 700_001;
        glance.fault(0, new ImageServer.DropAfter(dropAt));
        Path target = dir.resolve("image.raw");

        DownloadResult result = download(sha512Metadata()).toPath(target);

        assertThat(result.resumes()).isEqualTo(1);
        assertThat(result.digest()).isEqualTo(TestData.sha512(data));
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(glance.requests()).extracting(LoopbackServer.Seen::range)
                .containsExactly(null, "bytes=" + dropAt + "-");
    }

    @Test
    void cleanlyTruncatedChunkedBodyIsResumedUsingTheImageSize() throws Exception {
        glance.fault(0, new ImageServer.TruncateChunked(1_000_000));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DownloadResult result = download(sha512Metadata()).toOutputStream(out);

        assertThat(result.resumes()).isEqualTo(1);
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(glance.requests().get(1).range()).isEqualTo("bytes=1000000-");
    }

    @Test
    void serverIgnoringRangeOnResumeDoesNotCorruptTheResult() throws Exception {
        glance.fault(0, new ImageServer.DropAfter(123_457)).fault(1, new ImageServer.IgnoreRange());
        Path target = dir.resolve("image.raw");

        DownloadResult result = download(sha512Metadata()).toPath(target);

        assertThat(result.resumes()).isEqualTo(1);
        assertThat(Files.readAllBytes(target)).isEqualTo(data);
        assertThat(glance.requests().get(1).range()).isEqualTo("bytes=123457-");
    }

    @Test
    void stalledBodyIsResumedAfterTheIdleTimeout() throws Exception {
        glance.fault(0, new ImageServer.StallAfter(500_000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DownloadResult result = download(impatient, sha512Metadata()).toOutputStream(out);

        assertThat(result.resumes()).isBetween(1, 3); // a loaded machine may add an unplanned pause
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(glance.requests().get(1).range()).startsWith("bytes=");
    }

    @Test
    void givesUpAfterMaxResumesAndLeavesNoFile() throws Exception {
        for (int i = 0; i <= 3; i++) {
            glance.fault(i, new ImageServer.DropAfter(100_000));
        }
        Path target = dir.resolve("image.raw");

        assertThatThrownBy(() -> download(sha512Metadata()).toPath(target))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("after 3 resumes");

        assertThat(glance.requests()).hasSize(4);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void stallThatNeverEndsFailsWithIdleTimeout() {
        for (int i = 0; i <= 3; i++) {
            glance.fault(i, new ImageServer.StallAfter(10));
        }

        assertThatThrownBy(() -> download(impatient, sha512Metadata()).toOutputStream(new ByteArrayOutputStream()))
                .isInstanceOf(IdleTimeoutException.class);
    }

    @Test
    void noContentFailsAndCreatesNoFile() throws Exception {
        glance.fault(0, new ImageServer.Status(204));
        Path target = dir.resolve("image.raw");

        assertThatThrownBy(() -> download(new DownloadMetadata(Optional.empty(), -1)).toPath(target))
                .isInstanceOf(ImageSdkClientException.class)
                .hasMessageContaining("has no data");

        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void errorStatusIsMappedByTheCallersMapper() throws Exception {
        glance.fault(0, new ImageServer.Status(404));
        Path target = dir.resolve("image.raw");

        assertThatThrownBy(() -> download(sha512Metadata()).toPath(target)).isInstanceOf(NotFoundException.class);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void sizeDifferentFromTheMetadataFails() {
        DownloadMetadata meta = new DownloadMetadata(Optional.empty(), SIZE - 1);

        assertThatThrownBy(() -> download(meta).toOutputStream(new ByteArrayOutputStream()))
                .isInstanceOf(ImageSdkClientException.class)
                .hasMessageContaining("size");
    }

    @Test
    void aSecondTerminalCallIsATypedClientError() {
        ImageDownload d = download(sha512Metadata());
        d.toOutputStream(new ByteArrayOutputStream());

        assertThatThrownBy(() -> d.toOutputStream(new ByteArrayOutputStream()))
                .isInstanceOf(ImageSdkClientException.class).hasMessageContaining("already started");
        assertThatThrownBy(d::openStream).isInstanceOf(ImageSdkClientException.class);
    }

    @Test
    void openStreamReadsVerifiedBytes() throws Exception {
        try (InputStream in = download(sha512Metadata()).openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void openStreamFinalReadThrowsOnMismatch() throws Exception {
        glance.fault(0, new ImageServer.FlipByte(SIZE - 1));
        try (InputStream in = download(sha512Metadata()).openStream()) {
            byte[] buf = new byte[8192];
            long total = 0;
            Throwable thrown = null;
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                }
            } catch (ChecksumMismatchException e) {
                thrown = e;
            }
            assertThat(thrown).isInstanceOf(ChecksumMismatchException.class);
            assertThat(total).isEqualTo(SIZE); // every byte was delivered; only the end-of-stream was refused
        }
    }

    @Test
    void openStreamResumesTransparentlyAfterADrop() throws Exception {
        glance.fault(0, new ImageServer.DropAfter(999_999));
        try (InputStream in = download(sha512Metadata()).openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(glance.requests()).extracting(LoopbackServer.Seen::range)
                .containsExactly(null, "bytes=999999-");
    }

    @Test
    void openStreamSurfacesErrorStatusesImmediately() {
        glance.fault(0, new ImageServer.Status(404));

        assertThatThrownBy(() -> download(sha512Metadata()).openStream()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void closingOpenStreamEarlyStopsReading() throws Exception {
        InputStream in = download(sha512Metadata()).openStream();
        assertThat(in.read(new byte[100])).isPositive();

        in.close();

        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }

    @Test
    void partialResponseStartingBeforeTheResumeOffsetIsSkippedForward() throws Exception {
        glance.fault(0, new ImageServer.DropAfter(800_000)).fault(1, new ImageServer.RangeFrom(500_000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DownloadResult result = download(sha512Metadata()).toOutputStream(out);

        assertThat(result.resumes()).isEqualTo(1);
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @Test
    void partialResponseStartingAfterTheResumeOffsetIsRefused() throws Exception {
        glance.fault(0, new ImageServer.DropAfter(800_000)).fault(1, new ImageServer.RangeFrom(900_000));
        Path target = dir.resolve("image.raw");

        assertThatThrownBy(() -> download(sha512Metadata()).toPath(target))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("Content-Range bytes 900000-");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void emptyImageAnsweredWith204VerifiesAgainstTheEmptyDigest() throws Exception {
        ImageServer empty = new ImageServer(new byte[0]).fault(0, new ImageServer.Status(204));
        try (empty) {
            DownloadMetadata meta = new DownloadMetadata(
                    ExpectedChecksum.fromV2("sha512", TestData.sha512(new byte[0]), null, false), 0);
            Path target = dir.resolve("empty.raw");

            DownloadResult result = engine.newDownload("img-0", () -> meta,
                    () -> new DataRequest(empty.url(), Map.of()), null, null).toPath(target);

            assertThat(result.bytes()).isZero();
            assertThat(result.algorithm()).isEqualTo("sha512");
            assertThat(Files.size(target)).isZero();
        }
    }

    @Test
    void v1ChecksumHeaderOnTheDataResponseIsUsedWhenMetadataHasNone() {
        glance.contentMd5(null);
        ImageDownload d = engine.newDownload("img-1", () -> new DownloadMetadata(Optional.empty(), SIZE),
                () -> new DataRequest(glance.url(), Map.of()),
                headers -> ExpectedChecksum.fromV1(Map.of("x-image-meta-checksum", List.of("0123456789abcdef0123456789abcdef"))),
                null);

        assertThatThrownBy(() -> d.toOutputStream(new ByteArrayOutputStream()))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("0123456789abcdef0123456789abcdef");
    }

    @Test
    void failingOutputStreamIsATypedErrorAndStopsTheTransfer() {
        java.io.OutputStream broken = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };

        assertThatThrownBy(() -> download(sha512Metadata()).toOutputStream(broken))
                .isInstanceOf(ImageSdkClientException.class)
                .hasMessageContaining("disk full");
        assertThat(glance.requests()).hasSize(1); // a local write failure is not resumed
    }

    @Test
    void failingListenerAbortsTheDownloadTyped() throws Exception {
        Path target = dir.resolve("image.raw");

        assertThatThrownBy(() -> download(sha512Metadata()).listener((done, total) -> {
            throw new IllegalStateException("listener bug");
        }).toPath(target)).isInstanceOf(ImageSdkClientException.class).hasMessageContaining("listener bug");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void httpsUsesTheConfiguredSocketFactory() {
        javax.net.ssl.SSLSocketFactory recording = new RefusingSslSocketFactory();
        try (TransferEngine tls = new TransferEngine(TransferConfig.builder().sslSocketFactory(recording)
                .hostnameVerifier((host, session) -> true).build())) {
            java.net.URL https = glance.server.url("/v2/images/img-1/file");
            String url = https.toString().replace("http://", "https://");
            ImageDownload d = tls.newDownload("img-1", this::sha512Metadata,
                    () -> new DataRequest(toUrl(url), Map.of()), null, null);

            assertThatThrownBy(() -> d.toOutputStream(new ByteArrayOutputStream()))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("configured SSLSocketFactory used");
        }
    }

    private static java.net.URL toUrl(String s) {
        try {
            return new java.net.URL(s);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Proves HttpsURLConnection took this factory: every socket it asks for fails with a marker. */
    static final class RefusingSslSocketFactory extends javax.net.ssl.SSLSocketFactory {
        private static IOException refused() {
            return new IOException("configured SSLSocketFactory used");
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return new String[0];
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return new String[0];
        }

        @Override
        public java.net.Socket createSocket() throws IOException {
            throw refused();
        }

        @Override
        public java.net.Socket createSocket(java.net.Socket s, String host, int port, boolean autoClose)
                throws IOException {
            throw refused();
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws IOException {
            throw refused();
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort)
                throws IOException {
            throw refused();
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws IOException {
            throw refused();
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress local,
                                            int localPort) throws IOException {
            throw refused();
        }
    }
}
