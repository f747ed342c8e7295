package dev.imagesdk.internal.http;

import java.util.Objects;

/**
 * What one call is, as far as retries and re-authentication care: its name (for logs and metrics), HTTP
 * method, whether repeating it is harmless ({@link #idempotent()}) and whether its request body can be
 * sent again ({@link #replayable()}).
 *
 * <p>Create one instance per call: it also records, through {@link #markBytesSent()}, whether any byte
 * of the request went out. An attempt that can tell (the streaming path) declares
 * {@link Builder#tracksBytesSent(boolean)} and marks the spec before writing the body; a failure of a
 * non-idempotent or one-shot call is then resent only if nothing was sent. Attempts that cannot tell
 * (Feign) are treated as having sent bytes unless the failure is a connect failure.
 */
public final class CallSpec {

    private final String name;
    private final String method;
    private final boolean idempotent;
    private final boolean replayable;
    private final boolean tracksBytesSent;
    private final boolean transfer;
    private final boolean endedByCaller;
    private volatile boolean bytesSent;

    private CallSpec(Builder b) {
        this.name = b.name;
        this.method = b.method;
        this.idempotent = b.idempotent;
        this.replayable = b.replayable;
        this.tracksBytesSent = b.tracksBytesSent;
        this.transfer = b.transfer;
        this.endedByCaller = b.endedByCaller;
    }

    /** A builder; by default the call is not idempotent, its body is replayable and bytes are not tracked. */
    public static Builder builder(String name, String method) {
        return new Builder(name, method);
    }

    /** An idempotent call with a replayable (or no) body: GET, HEAD, DELETE, PUT of a tag... */
    public static CallSpec idempotent(String name, String method) {
        return builder(name, method).idempotent(true).build();
    }

    /** A call that must not be repeated once sent (e.g. PATCH, POST without a client id). */
    public static CallSpec nonIdempotent(String name, String method) {
        return builder(name, method).idempotent(false).build();
    }

    public String name() {
        return name;
    }

    public String method() {
        return method;
    }

    public boolean idempotent() {
        return idempotent;
    }

    public boolean replayable() {
        return replayable;
    }

    public boolean tracksBytesSent() {
        return tracksBytesSent;
    }

    /**
     * Whether the call moves image data (upload, stage, download): bounded by the idle timeout of the transfer, not
     * by the default call timeout nor the attempt timeout (a call timeout in the call's options still applies).
     */
    public boolean transfer() {
        return transfer;
    }

    /**
     * Whether the call goes on after its last attempt returns (a download's first data GET: the call is the whole
     * transfer), so that its caller reports its end to the listener ({@link CallExecutor#endOfCall}); a failed
     * attempt still ends it in the executor.
     */
    public boolean endedByCaller() {
        return endedByCaller;
    }

    /** Records that a byte of the request (headers or body) went out. Monotonic for the whole call. */
    public void markBytesSent() {
        bytesSent = true;
    }

    /** Whether an attempt marked bytes as sent. */
    public boolean anyByteSent() {
        return bytesSent;
    }

    @Override
    public String toString() {
        return "CallSpec{" + name + ' ' + method + (idempotent ? ", idempotent" : "")
                + (replayable ? ", replayable" : ", one-shot") + '}';
    }

    /** Builds a {@link CallSpec}. */
    public static final class Builder {
        private final String name;
        private final String method;
        private boolean idempotent;
        private boolean replayable = true;
        private boolean tracksBytesSent;
        private boolean transfer;
        private boolean endedByCaller;

        private Builder(String name, String method) {
            this.name = Objects.requireNonNull(name, "name");
            this.method = Objects.requireNonNull(method, "method");
        }

        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        public Builder replayable(boolean replayable) {
            this.replayable = replayable;
            return this;
        }

        public Builder tracksBytesSent(boolean tracksBytesSent) {
            this.tracksBytesSent = tracksBytesSent;
            return this;
        }

        /** Marks an image data call: see {@link CallSpec#transfer()}. */
        public Builder transfer(boolean transfer) {
            this.transfer = transfer;
            return this;
        }

        /** Marks a call whose end its caller reports: see {@link CallSpec#endedByCaller()}. */
        public Builder endedByCaller(boolean endedByCaller) {
            this.endedByCaller = endedByCaller;
            return this;
        }

        public CallSpec build() {
            return new CallSpec(this);
        }
    }
}
