package dev.imagesdk.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagesdk.fake.internal.engine.Blob;
import dev.imagesdk.fake.internal.engine.BlobStore;
import dev.imagesdk.fake.internal.engine.GlanceException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class BlobStoreTest {
    @Test
    void smallBlobsStayInMemoryLargeOnesSpillAndEverythingIsRemovedOnClose() throws Exception {
        BlobStore store = new BlobStore(1024);
        byte[] small = ImagesApiTest.random(1000);
        byte[] large = ImagesApiTest.random(5000);
        Blob s = store.write(new ByteArrayInputStream(small), n -> { });
        Blob l = store.write(new ByteArrayInputStream(large), n -> { });
        assertThat(s.onDisk()).isFalse();
        assertThat(l.onDisk()).isTrue();
        assertThat(store.filesOnDisk()).isEqualTo(1);
        assertThat(l.md5()).isEqualTo(ImagesApiTest.hex("MD5", large));
        assertThat(l.sha512()).isEqualTo(ImagesApiTest.hex("SHA-512", large));
        try (InputStream in = l.open(4000, 1000)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(large, 4000, 5000));
        }
        store.close();
        assertThat(Files.exists(store.directory())).isFalse();
    }

    @Test
    void aRejectedWriteLeavesNoFileBehind() {
        BlobStore store = new BlobStore(10);
        assertThatThrownBy(() -> store.write(new ByteArrayInputStream(new byte[100_000]), n -> {
            if (n > 70_000) {
                throw GlanceException.tooLarge("too big");
            }
        })).isInstanceOf(GlanceException.class);
        assertThat(store.filesOnDisk()).isZero();
        store.close();
    }

    @Test
    void identicalContentSharesTheStoredBlobAndEveryVariantGetsItsOwnDigests() throws Exception {
        BlobStore store = new BlobStore(8 << 20);
        byte[] data = ImagesApiTest.random(1_000_000);
        Blob first = store.write(new ByteArrayInputStream(data), n -> { });
        Blob again = store.write(new ChunkyStream(data, 7_777), n -> { });
        assertThat(again).isSameAs(first);
        assertThat(again.md5()).isEqualTo(ImagesApiTest.hex("MD5", data));

        byte[] diverges = data.clone();
        diverges[700_001] ^= 1; // differs after ten full chunks have matched
        byte[] shorter = java.util.Arrays.copyOf(data, 400_000);
        byte[] longer = java.util.Arrays.copyOf(data, 1_300_000);
        byte[] firstChunkDiffers = data.clone();
        firstChunkDiffers[3] ^= 1;
        for (byte[] v : new byte[][] {diverges, shorter, longer, firstChunkDiffers}) {
            Blob b = store.write(new ChunkyStream(v, 50_000), n -> { });
            assertThat(b).isNotSameAs(first);
            assertThat(b.size()).isEqualTo(v.length);
            assertThat(b.md5()).isEqualTo(ImagesApiTest.hex("MD5", v));
            assertThat(b.sha512()).isEqualTo(ImagesApiTest.hex("SHA-512", v));
            try (InputStream in = b.open(0, v.length)) {
                assertThat(in.readAllBytes()).isEqualTo(v);
            }
        }
        // The shorter variant is now stored too, and an upload of it again shares it.
        Blob shortA = store.write(new ByteArrayInputStream(shorter), n -> { });
        Blob shortB = store.write(new ByteArrayInputStream(shorter), n -> { });
        assertThat(shortB).isSameAs(shortA);
        store.close();
    }

    @Test
    void theSizeGuardStillSeesEveryByteOfContentThatMatches() throws Exception {
        BlobStore store = new BlobStore(8 << 20);
        byte[] data = ImagesApiTest.random(500_000);
        store.write(new ByteArrayInputStream(data), n -> { });
        long[] seen = {0};
        assertThatThrownBy(() -> store.write(new ByteArrayInputStream(data), n -> {
            seen[0] = n;
            if (n > 300_000) {
                throw GlanceException.tooLarge("too big");
            }
        })).isInstanceOf(GlanceException.class);
        assertThat(seen[0]).isGreaterThan(300_000).isLessThanOrEqualTo(300_000 + 65_536);
        store.close();
    }

    /** Returns at most {@code chunk} bytes a read, as a socket does (readNBytes keeps InputStream's loop). */
    private static final class ChunkyStream extends java.io.FilterInputStream {
        private final int chunk;

        ChunkyStream(byte[] b, int chunk) {
            super(new ByteArrayInputStream(b));
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
