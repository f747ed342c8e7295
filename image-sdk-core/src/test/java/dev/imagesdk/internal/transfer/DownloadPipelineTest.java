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
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DownloadPipelineTest {

    private static final int BUFFER = 64 * 1024;
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool();

    @AfterAll
    static void stop() {
        EXECUTOR.shutdownNow();
    }

    private static MessageDigest sha512() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-512");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BUFFER - 1, BUFFER, BUFFER + 1, 5 * 1024 * 1024 + 3})
    void writesAndHashesEveryByteInOrder(int size) throws Exception {
        byte[] data = TestData.random(size, size);
        MessageDigest sha = sha512();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        List<Long> progress = new CopyOnWriteArrayList<>();

        PipelinedCopy.Outcome outcome = new DownloadPipeline(EXECUTOR, BUFFER, 4, List.of(sha), sink)
                .run(p -> p.copy(new PipelinedCopyTest.TrickleStream(data), progress::add));

        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.COMPLETE);
        assertThat(outcome.bytes()).isEqualTo(size);
        assertThat(sink.toByteArray()).isEqualTo(data);
        assertThat(Hex.encodeHexString(sha.digest())).isEqualTo(TestData.sha512(data));
        assertThat(progress).isSorted();
        if (size > 0) {
            assertThat(progress).last().isEqualTo((long) size);
        }
    }

    @Test
    void readsWritesAndHashesOnThreeThreadsTheCallerHashing() throws Exception {
        byte[] data = TestData.random(3 * BUFFER, 3);
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        Set<Thread> writers = ConcurrentHashMap.newKeySet();
        Set<Thread> hashers = ConcurrentHashMap.newKeySet();
        InputStream source = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                readers.add(Thread.currentThread());
                return super.read(b, off, len);
            }
        };
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                writers.add(Thread.currentThread());
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writers.add(Thread.currentThread());
            }
        };
        MessageDigest recording = new RecordingDigest(hashers);

        new DownloadPipeline(EXECUTOR, BUFFER, 4, List.of(recording), sink).run(p -> p.copy(source, null));

        assertThat(hashers).containsExactly(Thread.currentThread());
        assertThat(readers).hasSize(1).doesNotContain(Thread.currentThread());
        assertThat(writers).hasSize(1).doesNotContain(Thread.currentThread());
        assertThat(readers).doesNotContainAnyElementsOf(writers);
    }

    @Test
    void attemptsContinueTheSameDigestAndFileAfterASourceFailure() throws Exception {
        byte[] data = TestData.random(10 * BUFFER + 17, 5);
        MessageDigest sha = sha512();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        List<PipelinedCopy.Outcome> outcomes = new ArrayList<>();

        new DownloadPipeline(EXECUTOR, BUFFER, 4, List.of(sha), sink).run(p -> {
            // The first body breaks in the middle of its fourth buffer: three whole buffers count.
            PipelinedCopy.Outcome first = p.copy(new PipelinedCopyTest.FailingStream(data, 3 * BUFFER + 100, "connection reset"), null);
            outcomes.add(first);
            int reached = (int) first.bytes();
            outcomes.add(p.copy(new ByteArrayInputStream(data, reached, data.length - reached), null));
            return null;
        });

        assertThat(outcomes.get(0).status()).isEqualTo(PipelinedCopy.Status.SOURCE_FAILED);
        assertThat(outcomes.get(0).bytes()).isEqualTo(3L * BUFFER);
        assertThat(outcomes.get(0).failure()).hasMessage("connection reset");
        assertThat(outcomes.get(1).status()).isEqualTo(PipelinedCopy.Status.COMPLETE);
        assertThat(outcomes.get(1).bytes()).isEqualTo(data.length - 3L * BUFFER);
        assertThat(sink.toByteArray()).isEqualTo(data);
        assertThat(Hex.encodeHexString(sha.digest())).isEqualTo(TestData.sha512(data));
    }

    @Test
    void sinkFailureStopsReadingTheSource() throws Exception {
        byte[] data = TestData.random(64 * BUFFER, 6);
        CountingStream source = new CountingStream(data);
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };

        PipelinedCopy.Outcome outcome = new DownloadPipeline(EXECUTOR, BUFFER, 4, List.of(sha512()), full)
                .run(p -> p.copy(source, null));

        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.SINK_FAILED);
        assertThat(outcome.failure()).hasMessage("No space left on device");
        assertThat(outcome.bytes()).isZero();
        assertThat(source.read).isLessThan(data.length); // bounded by the ring, not read to the end
    }

    @Test
    void failingProgressCallbackIsASinkFailure() throws Exception {
        byte[] data = TestData.random(4 * BUFFER, 8);

        PipelinedCopy.Outcome outcome = new DownloadPipeline(EXECUTOR, BUFFER, 4, List.of(sha512()),
                new ByteArrayOutputStream()).run(p -> p.copy(new ByteArrayInputStream(data), n -> {
                    throw new IllegalStateException("listener bug");
                }));

        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.SINK_FAILED);
        assertThat(outcome.failure()).hasMessage("listener bug");
    }

    @Test
    void interruptEndsTheCallAndNothingReachesTheSinkAfterwards() throws Exception {
        byte[] data = TestData.random(2 * BUFFER, 9);
        CountDownLatch firstBufferWritten = new CountDownLatch(1);
        CountDownLatch readerEnded = new CountDownLatch(1);
        List<Integer> writesAfterReturn = new CopyOnWriteArrayList<>();
        AtomicReference<Boolean> returned = new AtomicReference<>(false);
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (returned.get()) {
                    writesAfterReturn.add(len);
                }
                firstBufferWritten.countDown();
            }
        };
        // A body that delivers one buffer and then blocks until its thread is interrupted (a stalled server).
        InputStream stalled = new InputStream() {
            private int pos;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos < BUFFER) {
                    int n = Math.min(len, BUFFER - pos);
                    System.arraycopy(data, pos, b, off, n);
                    pos += n;
                    return n;
                }
                try {
                    new CountDownLatch(1).await();
                    return -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("read interrupted");
                }
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                new DownloadPipeline(EXECUTOR, BUFFER, 4, List.of(sha512()), sink).run(p -> {
                    try {
                        return p.copy(stalled, null);
                    } finally {
                        readerEnded.countDown();
                    }
                });
            } catch (Throwable t) {
                thrown.set(t);
                flagAfter.set(Thread.currentThread().isInterrupted());
            } finally {
                returned.set(true);
            }
        });
        caller.start();
        assertThat(firstBufferWritten.await(10, TimeUnit.SECONDS)).isTrue();

        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(flagAfter.get()).isTrue();
        assertThat(readerEnded.await(10, TimeUnit.SECONDS)).isTrue(); // the reader was interrupted too
        assertThat(writesAfterReturn).isEmpty();
    }

    @Test
    void rejectingExecutorRunsEverythingOnTheCallingThread() throws Exception {
        byte[] data = TestData.random(6 * BUFFER + 1, 10);
        MessageDigest sha = sha512();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Thread caller = Thread.currentThread();
        Set<Thread> readers = ConcurrentHashMap.newKeySet();

        PipelinedCopy.Outcome outcome = new DownloadPipeline(r -> {
            throw new RejectedExecutionException("closed");
        }, BUFFER, 4, List.of(sha), sink).run(p -> {
            readers.add(Thread.currentThread());
            return p.copy(new ByteArrayInputStream(data), null);
        });

        assertThat(readers).containsExactly(caller);
        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.COMPLETE);
        assertThat(sink.toByteArray()).isEqualTo(data);
        assertThat(Hex.encodeHexString(sha.digest())).isEqualTo(TestData.sha512(data));
    }

    @Test
    void executorTakingOnlyOneTaskStillCompletes() throws Exception {
        byte[] data = TestData.random(6 * BUFFER + 1, 11);
        MessageDigest sha = sha512();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int[] accepted = {0};

        PipelinedCopy.Outcome outcome = new DownloadPipeline(r -> {
            if (accepted[0]++ > 0) {
                throw new RejectedExecutionException("one thread only");
            }
            EXECUTOR.execute(r);
        }, BUFFER, 4, List.of(sha), sink).run(p -> p.copy(new ByteArrayInputStream(data), null));

        assertThat(outcome.status()).isEqualTo(PipelinedCopy.Status.COMPLETE);
        assertThat(sink.toByteArray()).isEqualTo(data);
        assertThat(Hex.encodeHexString(sha.digest())).isEqualTo(TestData.sha512(data));
    }

    @Test
    void workFailureIsRethrownAfterTheWriterEnded() {
        IllegalStateException bug = new IllegalStateException("bug");

        assertThatThrownBy(() -> new DownloadPipeline(EXECUTOR, BUFFER, 4, List.of(sha512()),
                new ByteArrayOutputStream()).run(p -> {
                    p.copy(new ByteArrayInputStream(new byte[3 * BUFFER]), null);
                    throw bug;
                })).isSameAs(bug);
    }

    static final class CountingStream extends InputStream {
        private final byte[] data;
        volatile long read;

        CountingStream(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= data.length) {
                return -1;
            }
            int n = (int) Math.min(len, data.length - read);
            System.arraycopy(data, (int) read, b, off, n);
            read += n;
            return n;
        }
    }

    /** SHA-512 that records which threads updated it. */
    static final class RecordingDigest extends MessageDigest {
        private final Set<Thread> threads;
        private final MessageDigest sha;

        RecordingDigest(Set<Thread> threads) throws NoSuchAlgorithmException {
            super("SHA-512");
            this.threads = threads;
            this.sha = MessageDigest.getInstance("SHA-512");
        }

        @Override
        protected void engineUpdate(byte input) {
            threads.add(Thread.currentThread());
            sha.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            threads.add(Thread.currentThread());
            sha.update(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            return sha.digest();
        }

        @Override
        protected void engineReset() {
            sha.reset();
        }
    }
}
