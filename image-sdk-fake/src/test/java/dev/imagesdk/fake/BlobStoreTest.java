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
}
