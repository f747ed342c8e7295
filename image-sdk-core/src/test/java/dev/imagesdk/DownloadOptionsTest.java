package dev.imagesdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreDurable() {
        assertThat(DownloadOptions.defaults().durable()).isTrue();
        assertThat(DownloadOptions.builder().build()).isEqualTo(DownloadOptions.defaults());
    }

    @Test
    void durabilityCanBeTurnedOffAndBackViaToBuilder() {
        DownloadOptions plain = DownloadOptions.builder().durable(false).build();

        assertThat(plain.durable()).isFalse();
        assertThat(plain).isNotEqualTo(DownloadOptions.defaults());
        assertThat(plain.toString()).isEqualTo("DownloadOptions[durable=false]");
        assertThat(plain.toBuilder().build()).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(plain.toBuilder().durable(true).build()).isEqualTo(DownloadOptions.defaults());
    }

    @Test
    void anImplementationWithoutOptionsFallsBackToTheDurableToPath() {
        List<Path> calls = new ArrayList<>();
        ImageDownload minimal = new ImageDownload() {
            @Override
            public ImageDownload listener(TransferListener listener) {
                return this;
            }

            @Override
            public DownloadResult toPath(Path target) {
                calls.add(target);
                return new DownloadResult("id", 0, "none", "", 0);
            }

            @Override
            public DownloadResult toOutputStream(OutputStream out) {
                throw new UnsupportedOperationException();
            }

            @Override
            public InputStream openStream() {
                throw new UnsupportedOperationException();
            }
        };

        DownloadResult r = minimal.toPath(dir.resolve("f"), DownloadOptions.builder().durable(false).build());

        assertThat(r.imageId()).isEqualTo("id");
        assertThat(calls).containsExactly(dir.resolve("f"));
    }
}
