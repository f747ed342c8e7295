package dev.imagesdk.micrometer;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.exception.ChecksumMismatchException;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.Image;
import dev.imagesdk.model.ImageSpec;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;

import static dev.imagesdk.micrometer.MicrometerImageServiceListener.CALLS;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.TRANSFER_BYTES;
import static dev.imagesdk.micrometer.MicrometerImageServiceListener.VERIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End to end: the image-data events ({@code transferBytes}, {@code verification}) of a v2 {@link ImageService}
 * against the fake, seen as {@value MicrometerImageServiceListener#TRANSFER_BYTES} and
 * {@value MicrometerImageServiceListener#VERIFICATIONS}.
 */
class MicrometerTransferFakeGlanceTest extends FakeGlanceMetricsFixture {


    @Test
    void uploadAndDownloadReportTheirBytesAndAVerifiedChecksum() {
        Image image = images.createAndUpload(ImageSpec.builder().name("metrics").diskFormat(DiskFormat.RAW)
                .containerFormat(ContainerFormat.BARE).build(), ImageData.fromBytes(DATA), null);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        images.download(image.id()).toOutputStream(copy);

        assertThat(copy.toByteArray()).isEqualTo(DATA);
        assertThat(registry.get(TRANSFER_BYTES).summaries()).hasSize(2)
                .allSatisfy(s -> {
                    assertThat(s.count()).isEqualTo(1);
                    assertThat(s.totalAmount()).isEqualTo(DATA.length);
                });
        assertThat(registry.get(VERIFICATIONS).tags("result", "verified").counters()).hasSize(2)
                .allSatisfy(c -> assertThat(c.count()).isEqualTo(1.0));
        assertThat(registry.find(VERIFICATIONS).tags("result", "mismatch").counter()).isNull();
    }

    @Test
    void corruptedDownloadIsAMismatchAndAFailedCall() {
        String id = fake.seedImage("demo", Map.of("name", "corrupt", "disk_format", "raw",
                "container_format", "bare"), new ByteArrayInputStream(DATA));
        fake.inject(Operation.DOWNLOAD, Fault.corruptedByte(1_000).always());

        assertThatThrownBy(() -> images.download(id).toOutputStream(new ByteArrayOutputStream()))
                .isInstanceOf(ChecksumMismatchException.class);

        Counter mismatch = registry.get(VERIFICATIONS).tags("result", "mismatch").counter();
        assertThat(mismatch.count()).isEqualTo(1.0);
        String download = mismatch.getId().getTag("operation");
        assertThat(registry.get(CALLS).tags("operation", download, "outcome", "failure",
                "exception", "ChecksumMismatchException").timer().count()).isEqualTo(1);
    }

}
