package dev.imagesdk.internal.regions;

import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.transfer.DirectSource;
import dev.imagesdk.internal.transfer.Hashes;
import dev.imagesdk.internal.transfer.PipelinedCopy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/** The two ways a {@link Fanout.Consumer} is handed to an upload: a plain stream, or a prehashed direct source. */
final class FanoutStreams {

    private FanoutStreams() {
    }

    /**
     * A consumer stream whose digests the publication computes once for every region, and which an upload sends
     * from the ring's own buffers ({@link DirectSource}).
     */
    static final class PrehashedConsumerStream extends ConsumerStream implements DirectSource {
        private final LongFunction<Hashes> hashes;

        PrehashedConsumerStream(Fanout.Consumer consumer, LongFunction<Hashes> hashes) {
            super(consumer);
            this.hashes = hashes;
        }

        @Override
        public Hashes hashes(long bytesSent) {
            return hashes.apply(bytesSent);
        }

        @Override
        public PipelinedCopy.Outcome writeTo(OutputStream sink, long declaredLength, LongConsumer onWritten) {
            Fanout.Consumer c = consumer();
            if (!unread()) {
                throw new IllegalStateException(c + " was already read as a stream");
            }
            long written = 0;
            while (true) {
                int slot;
                try {
                    slot = c.await();
                } catch (IOException e) {
                    if (wrongLengthIn(e, null) != null) {
                        // Each region reports the caller's error itself (field length), as a single upload does.
                        Fanout.WrongLength wrong = c.wrongLength();
                        return new PipelinedCopy.Outcome(wrong.longer() ? PipelinedCopy.Status.SOURCE_TOO_LONG
                                : PipelinedCopy.Status.SOURCE_TOO_SHORT, written, wrong.bytes(), null);
                    }
                    return new PipelinedCopy.Outcome(PipelinedCopy.Status.SOURCE_FAILED, written, written, e);
                }
                if (slot < 0) {
                    PipelinedCopy.Status end = declaredLength >= 0 && written < declaredLength
                            ? PipelinedCopy.Status.SOURCE_TOO_SHORT : PipelinedCopy.Status.COMPLETE;
                    return new PipelinedCopy.Outcome(end, written, written, null);
                }
                int n = c.length(slot);
                if (declaredLength >= 0 && written + n > declaredLength) {
                    c.release();
                    return new PipelinedCopy.Outcome(PipelinedCopy.Status.SOURCE_TOO_LONG, written, written + n,
                            null);
                }
                try {
                    sink.write(c.buffer(slot), 0, n);
                    written += n;
                    c.release();
                    onWritten.accept(written);
                } catch (IOException | RuntimeException e) {
                    return new PipelinedCopy.Outcome(PipelinedCopy.Status.SINK_FAILED, written, written, e);
                }
            }
        }
    }

    /** The source's wrong length behind a consumer's failure, or {@code otherwise}. */
    private static Throwable wrongLengthIn(Throwable failure, Throwable otherwise) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof InvalidInputException wrong) {
                return wrong;
            }
        }
        return otherwise;
    }

    /** A consumer read as an {@link InputStream}. */
    static class ConsumerStream extends InputStream {
        private final Fanout.Consumer consumer;
        private int slot = -2; // -2: no buffer held; -1: end
        private int pos;

        ConsumerStream(Fanout.Consumer consumer) {
            this.consumer = consumer;
        }

        final Fanout.Consumer consumer() {
            return consumer;
        }

        /** {@code true} while no byte was read through this stream. */
        final boolean unread() {
            return slot == -2 && pos == 0;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                if (slot == -1) {
                    return -1;
                }
                if (slot >= 0 && pos < consumer.length(slot)) {
                    int n = Math.min(len, consumer.length(slot) - pos);
                    System.arraycopy(consumer.buffer(slot), pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (slot >= 0) {
                    consumer.release();
                    slot = -2;
                }
                slot = consumer.await();
                pos = 0;
            }
        }

        @Override
        public void close() {
            consumer.detach();
        }
    }
}
