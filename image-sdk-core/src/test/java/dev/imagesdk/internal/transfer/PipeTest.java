package dev.imagesdk.internal.transfer;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded pipe between an upload and its inspector. */
class PipeTest {

    @Test
    void writerNeverBlocksOnceTheReaderIsDone() throws IOException {
        Pipe pipe = new Pipe(16);
        pipe.write(new byte[16], 0, 16);
        pipe.readerDone();

        pipe.write(new byte[1000], 0, 1000); // would block forever on a full pipe otherwise

        assertThat(pipe.read(new byte[4], 0, 4)).isEqualTo(-1);
    }

    @Test
    void readerSeesTheBytesInOrderAcrossTheWrapAndThenTheEnd() throws IOException {
        Pipe pipe = new Pipe(8);
        byte[] out = new byte[8];
        pipe.write(new byte[] {1, 2, 3, 4, 5, 6}, 0, 6);
        assertThat(pipe.read(out, 0, 4)).isEqualTo(4);
        pipe.write(new byte[] {7, 8, 9, 10, 11}, 0, 5);
        pipe.closeWrite();

        int n = 0;
        for (int r; (r = pipe.read(out, n, out.length - n)) > 0; ) {
            n += r;
        }

        assertThat(n).isEqualTo(7);
        assertThat(out).startsWith(5, 6, 7, 8, 9, 10, 11);
        assertThat(pipe.read(out, 0, 1)).isEqualTo(-1);
    }
}
