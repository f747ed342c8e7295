package dev.imagesdk.internal.transfer;

import dev.imagesdk.DownloadOptions;
import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.event.ImageServiceListener;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The download seen by a listener is the caller's download: its options reach the real one. */
class ObservedDownloadTest {

    /** Records which method the observer called, and with what options. */
    private static final class Recording implements ImageDownload {
        final List<Object> calls = new ArrayList<>();

        @Override
        public ImageDownload listener(TransferListener listener) {
            return this;
        }

        @Override
        public DownloadResult toPath(Path target) {
            calls.add("toPath");
            throw new IllegalStateException("stop");
        }

        @Override
        public DownloadResult toPath(Path target, DownloadOptions options) {
            calls.add(options);
            throw new IllegalStateException("stop");
        }

        @Override
        public DownloadResult toOutputStream(OutputStream out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream openStream() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aListenedDownloadKeepsTheCallersDownloadOptions() {
        Recording real = new Recording();
        ImageDownload observed = new ObservedDownload(real, ImageServiceListener.NONE, new ObservedDownload.Pending());
        DownloadOptions plain = DownloadOptions.builder().durable(false).build();

        catchThrowable(() -> observed.toPath(Path.of("image.raw"), plain));

        assertThat(real.calls).containsExactly(plain);
    }
}
