package dev.imagesdk.internal.transfer;

import org.apache.commons.codec.binary.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class PipelinedCopyTest {

    private static final int BUFFER = 64 * 1024;
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool();

    @AfterAll
    static void stop() {
        EXECUTOR.shutdownNow();
    }

    private final PipelinedCopy copy = new PipelinedCopy(EXECUTOR, BUFFER, 8);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BUFFER - 1, BUFFER, BUFFER + 1, 5 * 1024 * 1024 + 3})
    void hashesAndBytesEqualOneShotDigests(int size) throws Exception {
        byte[] data = TestData.random(size, size);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        PipelinedCopy.Outcome outcome = copy.copy(new TrickleStream(data), -1, List.of(md5), List.of(sha512),
                sink, null, null);

        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.COMPLETE);
        assertThat(outcome.bytes()).isEqualTo(size);
        assertThat(sink.toByteArray()).isEqualTo(data);
        assertThat(Hex.encodeHexString(md5.digest())).isEqualTo(TestData.md5(data));
        assertThat(Hex.encodeHexString(sha512.digest())).isEqualTo(TestData.sha512(data));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BUFFER - 1, BUFFER, BUFFER + 1, 3 * BUFFER + 7})
    void declaredLengthMatchingSourceCompletes(int size) throws Exception {
        byte[] data = TestData.random(size, 7);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        PipelinedCopy.Outcome outcome = copy.copy(new ByteArrayInputStream(data), size, List.of(), List.of(), sink,
                null, null);

        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.COMPLETE);
        assertThat(sink.toByteArray()).isEqualTo(data);
    }

    @Test
    void shortSourceIsReportedAndNeverFullyWritten() {
        byte[] data = TestData.random(3 * BUFFER + 10, 1);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        PipelinedCopy.Outcome outcome = copy.copy(new ByteArrayInputStream(data), data.length + 1, List.of(),
                List.of(), sink, null, null);

        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.SOURCE_TOO_SHORT);
        assertThat(outcome.bytesRead()).isEqualTo(data.length);
        assertThat(sink.size()).isLessThan(data.length);
    }

    @Test
    void longSourceIsReportedBeforeTheLastDeclaredByteIsWritten() {
        byte[] data = TestData.random(2 * BUFFER + 10, 2);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long declared = data.length - 5;

        PipelinedCopy.Outcome outcome = copy.copy(new ByteArrayInputStream(data), declared, List.of(), List.of(),
                sink, null, null);

        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.SOURCE_TOO_LONG);
        assertThat((long) sink.size()).isLessThan(declared);
    }

    @Test
    void sourceFailureStillWritesAndHashesEverythingReadBefore() throws Exception {
        byte[] data = TestData.random(5 * BUFFER, 3);
        int failAt = 2 * BUFFER + 123;
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        PipelinedCopy.Outcome outcome = copy.copy(new FailingStream(data, failAt), -1, List.of(md5),
                List.of(sha512), sink, null, null);

        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.SOURCE_FAILED);
        assertThat(outcome.failure()).isInstanceOf(IOException.class).hasMessage("boom");
        int n = (int) outcome.bytes();
        assertThat(sink.toByteArray()).isEqualTo(Arrays.copyOf(data, n));
        assertThat(Hex.encodeHexString(md5.digest())).isEqualTo(TestData.hex("MD5", data, 0, n));
        assertThat(Hex.encodeHexString(sha512.digest())).isEqualTo(TestData.hex("SHA-512", data, 0, n));
        assertThat(n).isLessThanOrEqualTo(failAt);
    }

    @Test
    void sinkFailureIsReportedWithoutBlockingTheReader() {
        byte[] data = TestData.random(40 * BUFFER, 4);
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };

        PipelinedCopy.Outcome outcome = copy.copy(new ByteArrayInputStream(data), -1, List.of(), List.of(),
                failing, null, null);

        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.SINK_FAILED);
        assertThat(outcome.failure()).hasMessage("disk full");
        assertThat(outcome.bytes()).isZero();
    }

    @Test
    void runsOnTheCallingThreadWhenTheExecutorRejects() throws Exception {
        ExecutorService stopped = Executors.newSingleThreadExecutor();
        stopped.shutdown();
        byte[] data = TestData.random(3 * BUFFER + 1, 5);
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();

        PipelinedCopy.Outcome outcome = new PipelinedCopy(stopped, BUFFER, 8).copy(new ByteArrayInputStream(data),
                -1, List.of(), List.of(sha512), sink, null, null);

        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.COMPLETE);
        assertThat(sink.toByteArray()).isEqualTo(data);
        assertThat(Hex.encodeHexString(sha512.digest())).isEqualTo(TestData.sha512(data));
    }

    /** Returns odd-sized short reads, as a socket does. */
    static final class TrickleStream extends InputStream {
        private final byte[] data;
        private int pos;
        private int turn;

        TrickleStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - pos), 1 + (turn++ * 7919) % 40000);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** Delivers {@code data} up to {@code failAt}, then throws an {@link IOException} with the message given. */
    static final class FailingStream extends InputStream {
        private final byte[] data;
        private final int failAt;
        private final String message;
        private int pos;

        FailingStream(byte[] data, int failAt) {
            this(data, failAt, "boom");
        }

        FailingStream(byte[] data, int failAt, String message) {
            this.data = data;
            this.failAt = failAt;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= failAt) {
                throw new IOException(message);
            }
            int n = Math.min(len, failAt - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
