package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.InvalidInputException;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.net.ProxySelector;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the streaming data path. Immutable; build with {@link #builder()}.
 *
 * @param bufferSize size of each ring buffer and of each socket write (default 256 KiB: against 64 KiB it cut
 *                   the client CPU of a verified 1 GiB upload from 4.2 to 3.8 s, fewer hand-offs and syscalls)
 * @param ringSize number of buffers in the ring between the reading and the writing thread (default 4);
 *                 memory per transfer is {@code bufferSize * ringSize} (1 MiB by default)
 * @param idleTimeout a transfer that makes no progress for this long is aborted (default 60 s); on
 *                    downloads it is also the socket read timeout
 * @param connectTimeout TCP connect timeout (default 30 s)
 * @param readTimeout socket read timeout while waiting for a response (default 5 min)
 * @param maxResumes how many times a download cut mid-body is resumed with {@code Range} (default 5)
 * @param maxResponseBody how many bytes of a response body are kept (error messages; default 64 KiB)
 * @param sslSocketFactory for {@code https} URLs, or null for the JVM default
 * @param hostnameVerifier for {@code https} URLs, or null for the JVM default
 * @param proxySelector chooses the proxy of each connection, or null for {@link ProxySelector#getDefault()}
 *
 * <p>The connection settings ({@code connectTimeout}, {@code sslSocketFactory}, {@code hostnameVerifier},
 * {@code proxySelector}) serve a standalone engine only; an engine built for a service takes them, with the
 * headers, from the service's {@link dev.imagesdk.internal.http.RequestDecoration}.
 */
public record TransferConfig(int bufferSize, int ringSize, Duration idleTimeout, Duration connectTimeout,
                             Duration readTimeout, int maxResumes, int maxResponseBody,
                             SSLSocketFactory sslSocketFactory, HostnameVerifier hostnameVerifier,
                             ProxySelector proxySelector) {

    public TransferConfig {
        positive("bufferSize", bufferSize);
        positive("ringSize", ringSize);
        positive("maxResponseBody", maxResponseBody);
        if (maxResumes < 0) {
            throw new InvalidInputException("maxResumes", maxResumes, "must be >= 0");
        }
        positive("idleTimeout", idleTimeout);
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new InvalidInputException(field, value, "must be > 0");
        }
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
            throw new InvalidInputException(field, value, "must be between 1 ms and about 24 days");
        }
    }

    /** The defaults. */
    public static TransferConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().bufferSize(bufferSize).ringSize(ringSize).idleTimeout(idleTimeout)
                .connectTimeout(connectTimeout).readTimeout(readTimeout).maxResumes(maxResumes)
                .maxResponseBody(maxResponseBody).sslSocketFactory(sslSocketFactory)
                .hostnameVerifier(hostnameVerifier).proxySelector(proxySelector);
    }

    /** Socket read timeout for downloads: a read that waits longer than the idle timeout is idle. */
    int downloadReadTimeoutMillis() {
        return (int) Math.min(readTimeout.toMillis(), idleTimeout.toMillis());
    }

    public static final class Builder {
        private int bufferSize = 256 * 1024;
        private int ringSize = 4;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofMinutes(5);
        private int maxResumes = 5;
        private int maxResponseBody = 64 * 1024;
        private SSLSocketFactory sslSocketFactory;
        private HostnameVerifier hostnameVerifier;
        private ProxySelector proxySelector;

        private Builder() {
        }

        public Builder bufferSize(int bytes) {
            this.bufferSize = bytes;
            return this;
        }

        public Builder ringSize(int buffers) {
            this.ringSize = buffers;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        public Builder maxResumes(int resumes) {
            this.maxResumes = resumes;
            return this;
        }

        public Builder maxResponseBody(int bytes) {
            this.maxResponseBody = bytes;
            return this;
        }

        public Builder sslSocketFactory(SSLSocketFactory factory) {
            this.sslSocketFactory = factory;
            return this;
        }

        /** Uses the socket factory of {@code context} (e.g. one with a private CA) for https URLs. */
        public Builder sslContext(SSLContext context) {
            this.sslSocketFactory = context == null ? null : context.getSocketFactory();
            return this;
        }

        public Builder hostnameVerifier(HostnameVerifier verifier) {
            this.hostnameVerifier = verifier;
            return this;
        }

        public Builder proxySelector(ProxySelector selector) {
            this.proxySelector = selector;
            return this;
        }

        public TransferConfig build() {
            return new TransferConfig(bufferSize, ringSize, idleTimeout, connectTimeout, readTimeout, maxResumes,
                    maxResponseBody, sslSocketFactory, hostnameVerifier, proxySelector);
        }
    }
}
