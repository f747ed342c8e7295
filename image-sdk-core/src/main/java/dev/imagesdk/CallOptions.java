package dev.imagesdk;

import dev.imagesdk.exception.InvalidInputException;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Options for the calls of one view of a service ({@link ImageService#withOptions(CallOptions)}): a call timeout,
 * an attempt timeout, the attempts per call, and extra request headers. Every option left unset keeps the
 * service's own setting ({@link dev.imagesdk.config.ClientConfig}). Immutable and thread-safe; build one with
 * {@link #builder()} and derive another with {@link #toBuilder()}.
 *
 * <p>Scope: the timeouts and attempts apply to every call of the view, image data calls included (a call timeout
 * set here also bounds an upload or download, which otherwise only the idle timeout bounds). The extra headers are
 * sent on the view's metadata requests (JSON and header calls); they never replace {@code X-Auth-Token}, which the
 * SDK sets, nor the headers HTTP itself manages.
 */
public final class CallOptions {

    /** Header names a caller may not set: the token, and the headers HTTP itself manages. */
    private static final Set<String> RESERVED = Set.of("x-auth-token", "host", "content-length", "connection",
            "transfer-encoding", "expect", "upgrade", "te", "trailer");

    private static final CallOptions NONE = new Builder().build();

    private final Duration callTimeout;
    private final Duration attemptTimeout;
    private final Integer maxAttempts;
    private final Map<String, String> headers;

    private CallOptions(Builder b) {
        this.callTimeout = b.callTimeout;
        this.attemptTimeout = b.attemptTimeout;
        this.maxAttempts = b.maxAttempts;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    }

    /**
     * Options that change nothing.
     *
     * @return the empty options
     */
    public static CallOptions none() {
        return NONE;
    }

    /**
     * A builder with every option unset.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.callTimeout = callTimeout;
        b.attemptTimeout = attemptTimeout;
        b.maxAttempts = maxAttempts;
        b.headers.putAll(headers);
        return b;
    }

    /** {@return the time a whole call may take (retries, re-authentication and waits included), if set} */
    public Optional<Duration> callTimeout() {
        return Optional.ofNullable(callTimeout);
    }

    /** {@return the time one attempt of a metadata call may take, if set} */
    public Optional<Duration> attemptTimeout() {
        return Optional.ofNullable(attemptTimeout);
    }

    /** {@return the attempts per call (the first included), if set} */
    public OptionalInt maxAttempts() {
        return maxAttempts == null ? OptionalInt.empty() : OptionalInt.of(maxAttempts);
    }

    /** {@return the extra request headers, in the order added; empty if none} */
    public Map<String, String> headers() {
        return headers;
    }

    /** {@return whether no option is set} */
    public boolean isEmpty() {
        return callTimeout == null && attemptTimeout == null && maxAttempts == null && headers.isEmpty();
    }

    /**
     * These options with {@code other}'s set options taking precedence (headers: both, {@code other}'s value for a
     * name both set).
     *
     * @param other options to apply on top of these; not null
     * @return the combined options
     * @throws NullPointerException if {@code other} is null
     */
    public CallOptions with(CallOptions other) {
        Objects.requireNonNull(other, "other");
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Builder b = toBuilder();
        other.callTimeout().ifPresent(b::callTimeout);
        other.attemptTimeout().ifPresent(b::attemptTimeout);
        other.maxAttempts().ifPresent(b::maxAttempts);
        other.headers.forEach(b::header);
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CallOptions)) {
            return false;
        }
        CallOptions c = (CallOptions) o;
        return Objects.equals(callTimeout, c.callTimeout) && Objects.equals(attemptTimeout, c.attemptTimeout)
                && Objects.equals(maxAttempts, c.maxAttempts) && headers.equals(c.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(callTimeout, attemptTimeout, maxAttempts, headers);
    }

    /** Header values are left out: a caller may pass credentials of its own in them. */
    @Override
    public String toString() {
        return "CallOptions{callTimeout=" + callTimeout + ", attemptTimeout=" + attemptTimeout
                + ", maxAttempts=" + maxAttempts + ", headers=" + headers.keySet() + '}';
    }

    /** Builds {@link CallOptions}; each setter validates its argument. Not thread-safe. */
    public static final class Builder {
        private Duration callTimeout;
        private Duration attemptTimeout;
        private Integer maxAttempts;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Bounds each whole call of the view: its attempts, re-authentication and the waits between attempts.
         * A call that runs out throws {@link dev.imagesdk.exception.CallTimeoutException}.
         *
         * @param d the timeout; positive
         * @return this builder
         * @throws InvalidInputException naming {@code callTimeout} if {@code d} is null, zero or negative
         */
        public Builder callTimeout(Duration d) {
            this.callTimeout = positive("callTimeout", d);
            return this;
        }

        /**
         * Bounds each attempt of a metadata call of the view (until its whole answer has arrived); never longer
         * than what remains of the call timeout.
         *
         * @param d the timeout; positive
         * @return this builder
         * @throws InvalidInputException naming {@code attemptTimeout} if {@code d} is null, zero or negative
         */
        public Builder attemptTimeout(Duration d) {
            this.attemptTimeout = positive("attemptTimeout", d);
            return this;
        }

        /**
         * The attempts per call of the view, the first included; 1 disables retries. Never more than the service's
         * own policy allows in total waiting ({@code maxTotalRetryWait}).
         *
         * @param maxAttempts at least 1
         * @return this builder
         * @throws InvalidInputException naming {@code maxAttempts} if it is below 1
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new InvalidInputException("maxAttempts", maxAttempts, "must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Adds a header to every metadata request of the view (replacing an earlier value of the same name).
         *
         * @param name an HTTP header name (RFC 9110 token characters); not {@code X-Auth-Token} nor a header HTTP
         *             manages ({@code Host}, {@code Content-Length}, {@code Connection}, ...)
         * @param value the value: printable US-ASCII and tab (no CR, LF or other control character; no character
         *              beyond U+007E, which HTTP/1.1 cannot carry reliably and the JDK refuses beyond U+00FF)
         * @return this builder
         * @throws InvalidInputException naming {@code header} if the name is null, empty, not a token or reserved,
         *         or naming the header if the value is null or holds a character outside printable US-ASCII and tab
         */
        public Builder header(String name, String value) {
            if (name == null || name.isEmpty() || !isToken(name)) {
                throw new InvalidInputException("header", name, "is not a valid HTTP header name");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("header", name, "is set by the SDK and cannot be overridden");
            }
            if (value == null) {
                throw new InvalidInputException("header " + name, null, "needs a value");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c > 0x7e) {
                    // The value itself is not echoed: it may be a credential of the caller's.
                    throw new InvalidInputException("header " + name, "(value withheld)",
                            "must be printable US-ASCII: no CR, LF or other control characters, nothing beyond U+007E"
                            + " (character " + (i + 1) + " is U+" + String.format("%04X", (int) c) + ")");
                }
            }
            headers.remove(findKey(name));
            headers.put(name, value);
            return this;
        }

        private String findKey(String name) {
            for (String k : headers.keySet()) {
                if (k.equalsIgnoreCase(name)) {
                    return k;
                }
            }
            return name;
        }

        private static boolean isToken(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        private static Duration positive(String field, Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new InvalidInputException(field, d, "must be positive");
            }
            return d;
        }

        /**
         * Creates the options.
         *
         * @return the immutable options
         */
        public CallOptions build() {
            return new CallOptions(this);
        }
    }
}
