package dev.imagesdk.fake;

import java.time.Duration;
import java.util.Objects;

/**
 * A named fault the fake injects into the next matching requests (see
 * {@link FakeGlance#inject(Operation, Fault)}). Immutable; {@link #times(int)} and
 * {@link #always()} return copies.
 *
 * <p>Faults act on the wire: a 503 or 401 is answered before the request reaches the engine (no
 * state changes); latency delays the answer; a stall holds the request until
 * {@link FakeGlance#releaseStalls()}, a reset or close; body faults (truncated, corrupted byte,
 * dropped connection) damage the transfer itself.
 */
public final class Fault {
    /** What the fault does. */
    public enum Kind {
        /** 503, with {@code Retry-After} unless made by {@link Fault#serviceUnavailable(int)}. */
        SERVICE_UNAVAILABLE,
        /** 429 Too Many Requests, with {@code Retry-After} if one was given. */
        TOO_MANY_REQUESTS,
        /** 500 Internal Server Error (not retryable by clients). */
        INTERNAL_ERROR,
        /** Closes the connection before any byte of the answer; the request never reaches the engine. */
        RESET_BEFORE_RESPONSE,
        /**
         * Holds the call for {@link #duration()} without answering, then closes the connection; the
         * request never reaches the engine (a server that hung and died).
         */
        HANG,
        /** 401 as if the token had expired. */
        UNAUTHORIZED,
        /** Answers after a delay. */
        LATENCY,
        /** Never answers until released. */
        STALL,
        /** Declares the full Content-Length, sends half the body, closes the connection. */
        TRUNCATED_BODY,
        /** Flips one byte of a download at {@link #offset()}. */
        CORRUPTED_BYTE,
        /** Reads {@link #offset()} bytes of an upload, then closes the connection without answering. */
        DROP_MID_UPLOAD,
        /** Sends {@link #offset()} bytes of a download, then closes the connection. */
        DROP_MID_DOWNLOAD
    }

    private final Kind kind;
    private final int times;
    private final Duration duration;
    private final long offset;
    private final boolean retryAfter;

    private Fault(Kind kind, int times, Duration duration, long offset) {
        this(kind, times, duration, offset, true);
    }

    private Fault(Kind kind, int times, Duration duration, long offset, boolean retryAfter) {
        this.kind = kind;
        this.times = times;
        this.duration = duration;
        this.offset = offset;
        this.retryAfter = retryAfter;
    }

    /**
     * {@return a fault answering 503 Service Unavailable with {@code Retry-After} (whole seconds) for the next {@code
     * times} calls}
     *
     * @param times how many matching calls the fault affects; at least 1
     * @param retryAfter the delay the fake sends in {@code Retry-After}, rounded to whole seconds; not null
     * @throws IllegalArgumentException if {@code times} is below 1
     */
    public static Fault serviceUnavailable(int times, Duration retryAfter) {
        return new Fault(Kind.SERVICE_UNAVAILABLE, checkTimes(times), Objects.requireNonNull(retryAfter), 0);
    }

    /**
     * {@return a fault answering 503 Service Unavailable without {@code Retry-After} for the next {@code times} calls}
     *
     * @param times how many matching calls the fault affects; at least 1
     * @throws IllegalArgumentException if {@code times} is below 1
     */
    public static Fault serviceUnavailable(int times) {
        return new Fault(Kind.SERVICE_UNAVAILABLE, checkTimes(times), Duration.ZERO, 0, false);
    }

    /**
     * {@return a fault answering 429 Too Many Requests with {@code Retry-After} (whole seconds) for the next {@code
     * times} calls}
     *
     * @param times how many matching calls the fault affects; at least 1
     * @param retryAfter the delay the fake sends in {@code Retry-After}, rounded to whole seconds; not null
     * @throws IllegalArgumentException if {@code times} is below 1
     */
    public static Fault tooManyRequests(int times, Duration retryAfter) {
        return new Fault(Kind.TOO_MANY_REQUESTS, checkTimes(times), Objects.requireNonNull(retryAfter), 0);
    }

    /**
     * {@return a fault answering 429 Too Many Requests without {@code Retry-After} for the next {@code times} calls}
     *
     * @param times how many matching calls the fault affects; at least 1
     * @throws IllegalArgumentException if {@code times} is below 1
     */
    public static Fault tooManyRequests(int times) {
        return new Fault(Kind.TOO_MANY_REQUESTS, checkTimes(times), Duration.ZERO, 0, false);
    }

    /**
     * {@return a fault answering 500 Internal Server Error (Glance's generic body) for the next {@code times} calls}
     *
     * @param times how many matching calls the fault affects; at least 1
     * @throws IllegalArgumentException if {@code times} is below 1
     */
    public static Fault internalError(int times) {
        return new Fault(Kind.INTERNAL_ERROR, checkTimes(times), Duration.ZERO, 0);
    }

    /** {@return a fault: the next call's connection is closed before any answer; nothing is executed} */
    public static Fault resetBeforeResponse() {
        return new Fault(Kind.RESET_BEFORE_RESPONSE, 1, Duration.ZERO, 0);
    }

    /**
     * {@return a fault: the next call is held for {@code holdFor} (or until {@link FakeGlance#releaseStalls()}), then
     * its connection is closed without an answer; nothing is executed} Unlike {@link #stall()} the server
     * thread frees itself, so it suits long randomized runs.
     *
     * @param holdFor how long the call is held; not negative
     * @throws IllegalArgumentException if {@code holdFor} is negative
     */
    public static Fault hang(Duration holdFor) {
        Objects.requireNonNull(holdFor);
        if (holdFor.isNegative()) {
            throw new IllegalArgumentException("holdFor must be >= 0: " + holdFor);
        }
        return new Fault(Kind.HANG, 1, holdFor, 0);
    }

    /** {@return a fault answering 401 once, as keystonemiddleware answers an expired token} */
    public static Fault unauthorizedOnce() {
        return new Fault(Kind.UNAUTHORIZED, 1, Duration.ZERO, 0);
    }

    /**
     * Delays the next call by {@code delay}.
     *
     * @param delay how long the call is delayed
     * @return the fault
     */
    public static Fault latency(Duration delay) {
        return new Fault(Kind.LATENCY, 1, Objects.requireNonNull(delay), 0);
    }

    /**
     * Holds the next call without answering until released (or at most ten minutes).
     *
     * @return the fault
     */
    public static Fault stall() {
        return new Fault(Kind.STALL, 1, Duration.ofMinutes(10), 0);
    }

    /** {@return a fault: the next response body is cut in half and the connection closed} */
    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, 1, Duration.ZERO, 0);
    }

    /**
     * {@return a fault: the next download has the byte at {@code offset} flipped (headers still carry the true
     * checksum)} Armed for {@link Operation#UPLOAD}, the next upload is stored with that byte flipped (as a
     * corrupting store would), so the image's checksums no longer match the bytes the client sent.
     *
     * @param offset the zero-based byte offset in the image data; not negative
     * @throws IllegalArgumentException if {@code offset} is negative
     */
    public static Fault corruptedByte(long offset) {
        return new Fault(Kind.CORRUPTED_BYTE, 1, Duration.ZERO, checkOffset(offset));
    }

    /**
     * {@return a fault: the next upload (or stage) is cut after {@code afterBytes}: the server closes the connection}
     *
     * @param afterBytes how many bytes pass before the connection is cut; not negative
     * @throws IllegalArgumentException if {@code afterBytes} is negative
     */
    public static Fault dropConnectionMidUpload(long afterBytes) {
        return new Fault(Kind.DROP_MID_UPLOAD, 1, Duration.ZERO, checkOffset(afterBytes));
    }

    /**
     * {@return a fault: the next download is cut after {@code afterBytes}: the server closes the connection}
     *
     * @param afterBytes how many bytes pass before the connection is cut; not negative
     * @throws IllegalArgumentException if {@code afterBytes} is negative
     */
    public static Fault dropConnectionMidDownload(long afterBytes) {
        return new Fault(Kind.DROP_MID_DOWNLOAD, 1, Duration.ZERO, checkOffset(afterBytes));
    }

    /**
     * {@return the same fault for the next {@code n} matching calls}
     *
     * @param n how many matching calls the fault affects; at least 1
     * @throws IllegalArgumentException if {@code n} is below 1
     */
    public Fault times(int n) {
        return new Fault(kind, checkTimes(n), duration, offset, retryAfter);
    }

    /** {@return the same fault for every matching call until cleared} */
    public Fault always() {
        return new Fault(kind, -1, duration, offset, retryAfter);
    }

    /**
     * What the fault does.
     *
     * @return the kind
     */
    public Kind kind() { return kind; }

    /** {@return how many calls it affects; -1 for always} */
    public int timesLeft() { return times; }

    /** {@return whether a 503/429 carries {@code Retry-After} (then {@link #duration()} is its value)} */
    public boolean hasRetryAfter() { return retryAfter && (kind == Kind.SERVICE_UNAVAILABLE || kind == Kind.TOO_MANY_REQUESTS); }

    /** {@return the {@code Retry-After} for 503/429, the delay for latency, the maximum stall, the hold of a hang} */
    public Duration duration() { return duration; }

    /** {@return byte offset for corrupted-byte and dropped-connection faults} */
    public long offset() { return offset; }

    private static int checkTimes(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be >= 1: " + n);
        }
        return n;
    }

    private static long checkOffset(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + n);
        }
        return n;
    }

    @Override
    public String toString() {
        return "Fault[" + kind + ", times=" + times + ", duration=" + duration + ", offset=" + offset
                + ", retryAfter=" + hasRetryAfter() + "]";
    }
}
