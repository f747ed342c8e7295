package dev.imagesdk.internal.transfer;

import dev.imagesdk.ImageData;
import dev.imagesdk.UploadOptions;
import dev.imagesdk.exception.DiskFormatMismatchException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.UnsafeImageException;
import dev.imagesdk.inspect.Finding;
import dev.imagesdk.model.ContainerFormat;
import dev.imagesdk.model.DiskFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The shared upload preflight: replayable sources are judged at once (opened once, only their head read), one-shot
 * sources as they are read (every byte passes unchanged; a bad verdict fails a read before the end is reported),
 * and the options switch each check off.
 */
class UploadPreflightTest {

    static final byte[] RAW = raw(200_000);
    static final byte[] QCOW2 = qcow2(null, 5 * 1024 * 1024 + 3);
    static final byte[] QCOW2_BACKED = qcow2("base.qcow2", 300_000);

    static byte[] raw(int n) {
        byte[] b = new byte[n];
        new Random(1).nextBytes(b);
        b[0] = 0;
        return b;
    }

    /** qcow2 v3 (qemu's docs/interop/qcow2.txt), 64 KiB clusters, 1 GiB virtual size, random data after the header. */
    static byte[] qcow2(String backingFile, int length) {
        byte[] image = raw(length);
        ByteBuffer b = ByteBuffer.wrap(image);
        b.put(0, new byte[65536]);
        b.put(0, new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(4, 3);
        b.putInt(20, 16).putLong(24, 1L << 30).putInt(96, 4).putInt(100, 104);
        if (backingFile != null) {
            byte[] name = backingFile.getBytes(StandardCharsets.US_ASCII);
            b.putLong(8, 112).putInt(16, name.length).put(112, name);
        }
        return image;
    }

    static UploadOptions defaults() {
        return UploadOptions.defaults();
    }

    @Test
    void replayableMislabelledSourceIsRefusedNamingBothFormats() {
        Throwable e = catchThrowable(() -> UploadPreflight.prepare(ImageData.fromBytes(RAW), DiskFormat.QCOW2,
                ContainerFormat.BARE, defaults()));

        assertThat(e).isInstanceOfSatisfying(DiskFormatMismatchException.class, m -> {
            assertThat(m.declared()).isEqualTo(DiskFormat.QCOW2);
            assertThat(m.detected()).isEqualTo(DiskFormat.RAW);
            assertThat(m.report().format()).isEqualTo(DiskFormat.RAW);
        }).hasMessageContaining("content is raw").hasMessageContaining("declared as qcow2");
    }

    @Test
    void replayableUnsafeSourceIsRefusedNamingTheFinding() {
        Throwable e = catchThrowable(() -> UploadPreflight.prepare(ImageData.fromBytes(QCOW2_BACKED),
                DiskFormat.QCOW2, ContainerFormat.BARE, defaults()));

        assertThat(e).isInstanceOfSatisfying(UnsafeImageException.class, u ->
                assertThat(u.findings()).containsExactly(new Finding(Finding.Kind.BACKING_FILE, "base.qcow2")))
                .hasMessageContaining("BACKING_FILE(base.qcow2)");
    }

    @Test
    void replayableSourceIsReadOnlyAsFarAsItsHeaders() {
        AtomicInteger opened = new AtomicInteger();
        long[] read = {0};
        ImageData counted = ImageData.fromSupplier(() -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(QCOW2) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    int n = super.read(b, off, len);
                    read[0] += Math.max(n, 0);
                    return n;
                }
            };
        }, QCOW2.length);

        ImageData out = UploadPreflight.prepare(counted, DiskFormat.QCOW2, ContainerFormat.BARE, defaults());

        assertThat(out).isSameAs(counted);
        assertThat(opened).hasValue(1);
        assertThat(read[0]).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void optionsSwitchEachCheckOff() {
        UploadOptions noFormat = UploadOptions.builder().verifyDiskFormat(false).build();
        UploadOptions unsafeOk = UploadOptions.builder().allowUnsafe(true).build();
        ImageData raw = ImageData.fromBytes(RAW);
        ImageData backed = ImageData.fromBytes(QCOW2_BACKED);

        assertThat(UploadPreflight.prepare(raw, DiskFormat.QCOW2, ContainerFormat.BARE, noFormat)).isSameAs(raw);
        assertThat(UploadPreflight.prepare(backed, DiskFormat.QCOW2, null, unsafeOk)).isSameAs(backed);
        assertThatThrownBy(() -> UploadPreflight.prepare(backed, DiskFormat.QCOW2, null, noFormat))
                .isInstanceOf(UnsafeImageException.class);
        assertThatThrownBy(() -> UploadPreflight.prepare(raw, DiskFormat.QCOW2, null, unsafeOk))
                .isInstanceOf(DiskFormatMismatchException.class);
    }

    @Test
    void noDeclaredFormatOrAWrappingContainerChecksSafetyOnly() {
        ImageData raw = ImageData.fromBytes(RAW);

        assertThat(UploadPreflight.prepare(raw, null, ContainerFormat.BARE, defaults())).isSameAs(raw);
        assertThat(UploadPreflight.prepare(raw, DiskFormat.VMDK, ContainerFormat.OVA, defaults())).isSameAs(raw);
        assertThatThrownBy(() -> UploadPreflight.prepare(ImageData.fromBytes(QCOW2_BACKED), null,
                ContainerFormat.OVA, defaults())).isInstanceOf(UnsafeImageException.class);
    }

    @Test
    void oneShotSafeStreamPassesEveryByteUnchanged() throws IOException {
        ImageData oneShot = ImageData.fromStream(new ByteArrayInputStream(QCOW2), QCOW2.length);

        ImageData wrapped = UploadPreflight.prepare(oneShot, DiskFormat.QCOW2, ContainerFormat.BARE, defaults());

        assertThat(wrapped.isReplayable()).isFalse();
        assertThat(wrapped.length()).hasValue(QCOW2.length);
        assertThat(readAll(wrapped.open(), 7919)).isEqualTo(QCOW2);
    }

    @Test
    void oneShotTinyStreamOfRawBytesPasses() throws IOException {
        byte[] tiny = {1, 2, 3};
        ImageData wrapped = UploadPreflight.prepare(ImageData.fromStream(new ByteArrayInputStream(tiny), 3),
                DiskFormat.RAW, ContainerFormat.BARE, defaults());

        assertThat(readAll(wrapped.open(), 1)).containsExactly(1, 2, 3);
    }

    @Test
    void oneShotUnsafeStreamFailsAReadBeforeItsEndAndTheRefusalIsUnwrapped() {
        ImageData wrapped = UploadPreflight.prepare(ImageData.fromStream(new ByteArrayInputStream(QCOW2_BACKED),
                -1), DiskFormat.QCOW2, ContainerFormat.BARE, defaults());
        ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Throwable readFailure = catchThrowable(() -> {
            try (InputStream in = wrapped.open()) {
                byte[] buf = new byte[4096];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    seen.write(buf, 0, n);
                }
            }
        });

        assertThat(readFailure).isInstanceOf(InspectedStream.Refused.class);
        assertThat(seen.size()).isLessThan(QCOW2_BACKED.length); // the end was never reported
        RuntimeException transportFailure = new ImageSdkClientException("Could not read the image data", readFailure);
        RuntimeException typed = UploadPreflight.refusalOr(transportFailure);
        assertThat(typed).isInstanceOf(UnsafeImageException.class);
        assertThat(typed.getSuppressed()).containsExactly(transportFailure);
    }

    @Test
    void refusalOrLeavesOtherFailuresAlone() {
        RuntimeException other = new ImageSdkClientException("boom", new IOException("disk"));

        assertThat(UploadPreflight.refusalOr(other)).isSameAs(other);
    }

    @Test
    void inspectionOffLeavesAOneShotSourceUnwrapped() {
        ImageData oneShot = ImageData.fromStream(new ByteArrayInputStream(RAW), -1);

        assertThat(UploadPreflight.prepare(oneShot, DiskFormat.QCOW2, null,
                UploadOptions.builder().verifyDiskFormat(false).allowUnsafe(true).build())).isSameAs(oneShot);
    }

    private static byte[] readAll(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (in) {
            byte[] buf = new byte[chunk];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }
}
