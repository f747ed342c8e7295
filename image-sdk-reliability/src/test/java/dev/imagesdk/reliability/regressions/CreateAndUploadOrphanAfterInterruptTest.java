package dev.imagesdk.reliability.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageService;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.fake.FakeGlance;
import dev.imagesdk.fake.junit.FakeGlanceExtension;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import dev.imagesdk.model.ImageSpec;
import java.io.InputStream;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16, item 2: a {@code createAndUpload} interrupted mid-transfer left its image behind ({@code queued}),
 * because the cleanup DELETE ran with the thread's interrupt flag set and failed at once ("delete image
 * interrupted"). The image must be gone and the caller's interrupt flag still set afterwards.
 */
@ExtendWith(FakeGlanceExtension.class)
class CreateAndUploadOrphanAfterInterruptTest {

    private static final int SIZE = 4 * 1024 * 1024;

    /** Data whose reader interrupts the uploading thread (the caller's) once 256 KiB were read. */
    private static ImageData interruptingData() {
        return ImageData.fromSupplier(() -> new InputStream() {
            private long served;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served >= SIZE) {
                    return -1;
                }
                if (served >= 256 * 1024) {
                    Thread.currentThread().interrupt(); // as a caller's Future.cancel(true) would
                }
                int n = (int) Math.min(len, SIZE - served);
                served += n;
                return n;
            }
        }, SIZE);
    }

    private static void assertInterruptedUploadLeavesNothing(FakeGlance fake, ApiVersion version) {
        String id = UUID.randomUUID().toString();
        ImageSdkException failure = null;
        boolean interruptedAfter;
        try (ImageService images = Clients.of(fake, version)) {
            try {
                images.createAndUpload(ImageSpec.builder().id(id).name("interrupted").diskFormat(DiskFormat.RAW)
                        .containerFormat(ContainerFormat.BARE).build(), interruptingData(), TransferListener.NONE);
            } catch (ImageSdkException e) {
                failure = e;
            }
            interruptedAfter = Thread.interrupted(); // also clears it for the next test
        }
        assertThat(failure).as("the interrupted upload fails").isNotNull();
        assertThat(failure.getSuppressed()).as("no cleanup failure attached").isEmpty();
        assertThat(interruptedAfter).as("the interrupt flag is restored after the cleanup").isTrue();
        assertThat(fake.image(id)).as("the image is deleted").isEmpty();
    }

    @Test
    void v2InterruptedCreateAndUploadDeletesItsImageAndKeepsTheInterrupt(FakeGlance fake) {
        assertInterruptedUploadLeavesNothing(fake, ApiVersion.V2);
    }

    @Test
    void v1InterruptedCreateAndUploadDeletesItsImageAndKeepsTheInterrupt(FakeGlance fake) {
        assertInterruptedUploadLeavesNothing(fake, ApiVersion.V1);
    }
}
