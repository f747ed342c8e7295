package dev.imagesdk.internal.regions;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FanoutTest {

    static final int BUFFER = 1024;
    static final int RING = 4;

    static byte[] data(int n) {
        byte[] b = new byte[n];
        new Random(20).nextBytes(b);
        return b;
    }

    /** Counts the bytes read from the source. */
    static final class Counting extends FilterInputStream {
        final AtomicLong read = new AtomicLong();

        Counting(byte[] data) {
            super(new ByteArrayInputStream(data));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read.addAndGet(n);
            }
            return n;
        }
    }

    static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void everyConsumerGetsEveryByteFromOneReadAndOneDigest() throws Exception {
        byte[] data = data(100 * BUFFER + 17);
        Fanout fanout = new Fanout(BUFFER, RING, null);
        CompletableFuture<byte[]> a = drain(fanout.addConsumer("a").stream());
        CompletableFuture<byte[]> b = drain(fanout.addConsumer("b").stream());
        MessageDigest sha = MessageDigest.getInstance("SHA-512");
        // Registered here, before read() starts, as Publication does: a consumer added while the reader runs
        // would start at buffer 0 after the ring had been refilled.
        java.util.concurrent.Callable<Boolean> digest = fanout.digestOn(sha);
        CompletableFuture<Boolean> hasher = CompletableFuture.supplyAsync(() -> {
            try {
                return digest.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        Counting source = new Counting(data);

        Fanout.Outcome outcome = fanout.read(source, List.of(md5), n -> { });

        assertThat(outcome.status()).isEqualTo(Fanout.Status.COMPLETE);
        assertThat(outcome.bytes()).isEqualTo(data.length);
        assertThat(source.read.get()).isEqualTo(data.length);
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(data);
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(data);
        assertThat(hasher.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(md5.digest()).isEqualTo(MessageDigest.getInstance("MD5").digest(data));
        assertThat(sha.digest()).isEqualTo(MessageDigest.getInstance("SHA-512").digest(data));
    }

    @Test
    void aConsumerAddedAfterTheReadStartedIsRefused() {
        Fanout fanout = new Fanout(BUFFER, RING, null);
        fanout.addConsumer("a").detach();
        fanout.read(new java.io.ByteArrayInputStream(data(BUFFER)), List.of(), n -> { });

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fanout.addConsumer("late"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("late");
    }

    @Test
    void theSlowestConsumerBoundsHowFarTheSourceIsReadAhead() throws Exception {
        byte[] data = data(64 * BUFFER);
        CountDownLatch readerWaits = new CountDownLatch(1);
        Counting source = new Counting(data);
        AtomicLong readWhenBlocked = new AtomicLong(-1);
        Fanout fanout = new Fanout(BUFFER, RING, () -> {
            readWhenBlocked.compareAndSet(-1, source.read.get());
            readerWaits.countDown();
        });
        CompletableFuture<byte[]> fast = drain(fanout.addConsumer("fast").stream());
        Fanout.Consumer slow = fanout.addConsumer("slow"); // reads nothing until released
        CompletableFuture<Fanout.Outcome> reader = CompletableFuture.supplyAsync(
                () -> fanout.read(source, List.of(), n -> { }));

        assertThat(readerWaits.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(readWhenBlocked.get()).isEqualTo((long) RING * BUFFER);

        ByteArrayOutputStream slowGot = new ByteArrayOutputStream();
        try (InputStream in = slow.stream()) {
            in.transferTo(slowGot);
        }
        assertThat(reader.get(10, TimeUnit.SECONDS).status()).isEqualTo(Fanout.Status.COMPLETE);
        assertThat(fast.get(10, TimeUnit.SECONDS)).isEqualTo(data);
        assertThat(slowGot.toByteArray()).isEqualTo(data);
        assertThat(source.read.get()).isEqualTo(data.length);
    }

    @Test
    void aDetachedConsumerNoLongerHoldsTheReader() throws Exception {
        byte[] data = data(50 * BUFFER);
        Fanout fanout = new Fanout(BUFFER, RING, null);
        CompletableFuture<byte[]> reading = drain(fanout.addConsumer("reading").stream());
        fanout.addConsumer("gone").detach();

        Fanout.Outcome outcome = fanout.read(new ByteArrayInputStream(data), List.of(), n -> { });

        assertThat(outcome.status()).isEqualTo(Fanout.Status.COMPLETE);
        assertThat(reading.get(10, TimeUnit.SECONDS)).isEqualTo(data);
    }

    @Test
    void abortStopsTheReaderAndFailsEveryConsumer() throws Exception {
        byte[] data = data(50 * BUFFER);
        CountDownLatch readerWaits = new CountDownLatch(1);
        Fanout fanout = new Fanout(BUFFER, RING, readerWaits::countDown);
        Fanout.Consumer idle = fanout.addConsumer("idle");
        CompletableFuture<Fanout.Outcome> reader = CompletableFuture.supplyAsync(
                () -> fanout.read(new ByteArrayInputStream(data), List.of(), n -> { }));
        assertThat(readerWaits.await(10, TimeUnit.SECONDS)).isTrue();

        fanout.abort("region-b failed");

        Fanout.Outcome outcome = reader.get(10, TimeUnit.SECONDS);
        assertThat(outcome.status()).isEqualTo(Fanout.Status.ABORTED);
        assertThat(outcome.bytes()).isEqualTo((long) RING * BUFFER);
        assertThatThrownBy(idle::await).isInstanceOf(IOException.class).hasMessageContaining("region-b failed");
    }

    @Test
    void aFailingSourceFailsTheConsumersAfterTheBytesBefore() throws Exception {
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ >= 3 * BUFFER) {
                    throw new IOException("disk error");
                }
                return 7;
            }
        };
        Fanout fanout = new Fanout(BUFFER, RING, null);
        CompletableFuture<byte[]> consumer = drain(fanout.addConsumer("c").stream());

        Fanout.Outcome outcome = fanout.read(failing, List.of(), n -> { });

        assertThat(outcome.status()).isEqualTo(Fanout.Status.SOURCE_FAILED);
        assertThat(outcome.failure()).hasMessage("disk error");
        assertThat(consumer).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                .withMessageContaining("disk error");
    }

    /** Records every write: the arrays written (to tell whether the ring's own buffers went out) and the bytes. */
    static final class RecordingSink extends java.io.OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final java.util.Set<byte[]> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        @Override
        public void write(int b) {
            throw new AssertionError("single-byte write");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            arrays.add(b);
            bytes.write(b, off, len);
        }
    }

    static CompletableFuture<dev.imagesdk.internal.transfer.PipelinedCopy.Outcome> writeAsync(
            Fanout.Consumer c, java.io.OutputStream sink, long declared) {
        return CompletableFuture.supplyAsync(() -> {
            dev.imagesdk.internal.transfer.DirectSource direct =
                    (dev.imagesdk.internal.transfer.DirectSource) c.prehashedStream(n -> null);
            return direct.writeTo(sink, declared, n -> { });
        });
    }

    @Test
    void aDirectConsumerWritesTheRingsOwnBuffersWithoutCopyingThem() throws Exception {
        byte[] data = data(40 * BUFFER + 3);
        Fanout fanout = new Fanout(BUFFER, RING, null);
        RecordingSink sink = new RecordingSink();
        CompletableFuture<dev.imagesdk.internal.transfer.PipelinedCopy.Outcome> written =
                writeAsync(fanout.addConsumer("direct"), sink, data.length);

        Fanout.Outcome read = fanout.read(new ByteArrayInputStream(data), data.length, List.of(), n -> { });

        assertThat(read.status()).isEqualTo(Fanout.Status.COMPLETE);
        dev.imagesdk.internal.transfer.PipelinedCopy.Outcome out = written.get(10, TimeUnit.SECONDS);
        assertThat(out.status()).isEqualTo(dev.imagesdk.internal.transfer.PipelinedCopy.Status.COMPLETE);
        assertThat(out.bytes()).isEqualTo(data.length);
        assertThat(sink.bytes.toByteArray()).isEqualTo(data);
        // 41 buffers went out through the ring's 4 arrays: no per-consumer copy.
        assertThat(sink.arrays).hasSizeLessThanOrEqualTo(RING);
    }

    @Test
    void aSourceLongerThanDeclaredNeverHandsOutTheBufferThatWouldCompleteTheBody() throws Exception {
        byte[] data = data(8 * BUFFER + 1);
        long declared = 8 * BUFFER; // ends exactly on a buffer: the probe must find the extra byte
        Fanout fanout = new Fanout(BUFFER, RING, null);
        RecordingSink sink = new RecordingSink();
        CompletableFuture<dev.imagesdk.internal.transfer.PipelinedCopy.Outcome> written =
                writeAsync(fanout.addConsumer("direct"), sink, declared);
        CompletableFuture<byte[]> streamed = drain(fanout.addConsumer("stream").stream());

        Fanout.Outcome read = fanout.read(new ByteArrayInputStream(data), declared, List.of(), n -> { });

        assertThat(read.status()).isEqualTo(Fanout.Status.SOURCE_FAILED);
        assertThat(read.failure()).isInstanceOfSatisfying(dev.imagesdk.exception.InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("length"));
        dev.imagesdk.internal.transfer.PipelinedCopy.Outcome out = written.get(10, TimeUnit.SECONDS);
        assertThat(out.status()).isEqualTo(dev.imagesdk.internal.transfer.PipelinedCopy.Status.SOURCE_TOO_LONG);
        assertThat(sink.bytes.size()).isLessThan((int) declared);
        assertThatThrownBy(() -> streamed.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(
                dev.imagesdk.exception.InvalidInputException.class);
    }

    @Test
    void aSourceShorterThanDeclaredFailsBeforeItsLastBufferIsHandedOut() throws Exception {
        byte[] data = data(5 * BUFFER + 10);
        Fanout fanout = new Fanout(BUFFER, RING, null);
        RecordingSink sink = new RecordingSink();
        CompletableFuture<dev.imagesdk.internal.transfer.PipelinedCopy.Outcome> written =
                writeAsync(fanout.addConsumer("direct"), sink, data.length + 1);

        Fanout.Outcome read = fanout.read(new ByteArrayInputStream(data), data.length + 1, List.of(), n -> { });

        assertThat(read.status()).isEqualTo(Fanout.Status.SOURCE_FAILED);
        assertThat(read.failure()).hasMessageContaining("ended after " + data.length + " bytes");
        dev.imagesdk.internal.transfer.PipelinedCopy.Outcome out = written.get(10, TimeUnit.SECONDS);
        assertThat(out.status()).isEqualTo(dev.imagesdk.internal.transfer.PipelinedCopy.Status.SOURCE_TOO_SHORT);
        assertThat(out.bytesRead()).isEqualTo(data.length);
        assertThat(sink.bytes.size()).isLessThanOrEqualTo(5 * BUFFER); // never the last, partial buffer
    }
}
