package dev.imagesdk.internal.transfer;

import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.IdleTimeoutException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.internal.http.ExchangeFailure;
import dev.imagesdk.internal.http.TransportFailures;
import dev.imagesdk.internal.log.Redactor;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One upload attempt over {@link HttpURLConnection} in streaming mode (fixed-length when the length is
 * known, else chunked), hashing MD5 and SHA-512 in one pass on two threads.
 *
 * <p>Guarantees: the source is opened only after the connection is established and is read once; a source
 * that delivers fewer or more bytes than declared fails with {@link InvalidInputException} (field
 * {@code length}) and the connection is dropped before the last buffer is sent, so the service never
 * receives a complete body; no progress for {@link TransferConfig#idleTimeout()} aborts the connection
 * with {@link IdleTimeoutException}; an interrupt of the calling thread closes the connection at once (also
 * while a write or the wait for the answer is blocked on a stalled service, see {@link InterruptWatch}) and
 * fails with {@link ImageSdkClientException} saying so, the interrupt flag still set; other I/O failures are {@link TransportException}, a failure reading
 * the source is {@link ImageSdkClientException}. An HTTP status (also an error) is returned, not thrown.
 * After {@link #execute()}, {@link #bodyBytesSent()} and {@link #sourceOpened()} tell a retry policy
 * whether a replay is possible. One call executes once.
 *
 * <p>An answer before the body: from {@link #EXPECT_CONTINUE_FROM} bytes (and for an unknown length) the request
 * carries {@code Expect: 100-continue}, so an error the service sends instead of {@code 100 Continue} (401,
 * 413, 503 with {@code Retry-After}) is returned with its status and headers, no body byte sent and the source
 * unopened. An answer in the middle of the body is returned only if the service keeps reading (a lingering
 * close); one followed by an immediate close fails the write, and {@link HttpURLConnection} cannot read a
 * response after a failed write: that stays a {@link TransportException} (measured; see
 * {@code ServiceUnavailableDuringUploadTest}).
 */
public final class UploadCall {

    /**
     * From this declared length (and for an unknown one) the upload sends {@code Expect: 100-continue}: as curl
     * does, a small body is simply sent, a large one is not started before the service accepted the request.
     */
    static final long EXPECT_CONTINUE_FROM = 1 << 20;

    private final TransferEngine engine;
    private final UploadRequest request;
    private final TransferListener listener;
    private volatile boolean bodyBytesSent;
    private volatile boolean sourceOpened;
    private final AtomicBoolean executed = new AtomicBoolean();
    private InterruptWatch interrupts;

    UploadCall(TransferEngine engine, UploadRequest request, TransferListener listener) {
        this.engine = engine;
        this.request = request;
        this.listener = listener;
    }

    /** {@code true} if any byte of the body reached the connection (the request cannot be replayed as-is). */
    public boolean bodyBytesSent() {
        return bodyBytesSent;
    }

    /** {@code true} if the data was opened (a one-shot stream is then used up). */
    public boolean sourceOpened() {
        return sourceOpened;
    }

    /**
     * Sends the request and returns the response (any status).
     *
     * @throws ImageSdkException typed, as described on the class
     */
    public UploadResponse execute() {
        // Not synchronized: a monitor held across the upload's blocking I/O pins a virtual thread's carrier
        // (JDK 21-23). Executing once needs no lock, only this flag.
        if (!executed.compareAndSet(false, true)) {
            throw new IllegalStateException("An UploadCall executes once");
        }
        // Not wire-logged here: the v1/v2 callers log each upload attempt around execute().
        TransferConfig config = engine.config();
        long length = request.data().length().orElse(-1);
        HttpURLConnection c;
        try {
            c = engine.http().open(request.url(), request.method(), request.headers(),
                    (int) config.readTimeout().toMillis());
        } catch (IOException e) {
            throw new TransportException("Could not open " + describe() + ": " + e.getMessage(), e);
        }
        c.setDoOutput(true);
        if (length < 0 || length >= EXPECT_CONTINUE_FROM) {
            // The service may answer before the body (401 from the auth middleware, 413 or 503 from a proxy);
            // HttpURLConnection cannot read an answer once a body write failed, but can read one given instead
            // of "100 Continue" (see rejectedBeforeTheBody).
            c.setRequestProperty("Expect", "100-continue");
        }
        if (length >= 0) {
            c.setFixedLengthStreamingMode(length);
        } else {
            c.setChunkedStreamingMode(config.bufferSize());
        }
        // One watch for both the idle bound and interrupts: it aborts the connection on its own thread.
        InterruptWatch watchdog;
        try {
            watchdog = new InterruptWatch(engine.timer(), c::disconnect, config.idleTimeout());
        } catch (RejectedExecutionException e) {
            throw new ImageSdkClientException("The transfer engine is closed", e);
        }
        interrupts = watchdog;
        InputStream source = null;
        boolean ok = false;
        try {
            OutputStream socket;
            try {
                socket = c.getOutputStream(); // connects, sends the request headers, waits for 100 Continue
            } catch (ProtocolException e) {
                UploadResponse answer = rejectedBeforeTheBody(c);
                if (answer == null) {
                    throw failure(watchdog, "Could not connect for " + describe(), e);
                }
                return answer;
            } catch (IOException e) {
                throw failure(watchdog, "Could not connect for " + describe(), e);
            }
            watchdog.touch();
            sourceOpened = true;
            source = request.data().open();
            MessageDigest md5 = HashAlgorithms.newDigest("md5");
            MessageDigest sha512 = HashAlgorithms.newDigest("sha512");
            // A source hashed by its producer (a publication to several regions) is not hashed again.
            PrehashedSource prehashed = source instanceof PrehashedSource p ? p : null;
            OutputStream counting = new FilterOutputStream(socket) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    bodyBytesSent = true; // before the write: a failed write may have sent part
                    out.write(b, off, len);
                    watchdog.touch();
                }
            };
            // A source that sends its own buffers (a publication's region) is written here, on this thread: its
            // bytes are already read and hashed, a second thread and a copy into the pipeline's ring would only
            // cost CPU (three of each for three regions).
            PipelinedCopy.Outcome outcome = source instanceof DirectSource direct
                    ? direct.writeTo(counting, length, written -> listener.onProgress(written, length))
                    : engine.pipeline().copy(source, length,
                            prehashed == null ? List.of(md5) : List.of(), prehashed == null ? List.of(sha512) : List.of(),
                            counting, written -> listener.onProgress(written, length), watchdog::touch,
                            interrupts::fire);
            switch (outcome.status()) {
                case COMPLETE:
                    break;
                case SOURCE_TOO_SHORT:
                    c.disconnect();
                    throw new InvalidInputException("length", length, "the data ended after "
                            + outcome.bytesRead() + " bytes; the upload was aborted");
                case SOURCE_TOO_LONG:
                    c.disconnect();
                    throw new InvalidInputException("length", length, "the data has more bytes than declared; "
                            + "the upload was aborted");
                case SOURCE_FAILED:
                    c.disconnect();
                    if (Thread.currentThread().isInterrupted()) {
                        throw interrupted(outcome.bytes(), outcome.failure());
                    }
                    throw new ImageSdkClientException("Could not read the image data for " + describe()
                            + " after " + outcome.bytesRead() + " bytes: " + outcome.failure(), outcome.failure());
                case SINK_FAILED:
                default:
                    return afterSendFailure(c, watchdog, outcome, md5, sha512);
            }
            try {
                socket.close(); // flushes; chunked mode sends the last chunk
            } catch (IOException e) {
                throw failure(watchdog, "Could not finish sending " + describe(), e);
            }
            watchdog.stopIdle(); // the body is sent; waiting for the answer is bounded by the read timeout
            int status;
            try {
                status = c.getResponseCode();
            } catch (IOException e) {
                throw failure(watchdog, "No response to " + describe(), e);
            }
            Hashes hashes = prehashed != null ? prehashed.hashes(outcome.bytes())
                    : new Hashes(HashAlgorithms.hex(md5), HashAlgorithms.hex(sha512), outcome.bytes());
            UploadResponse response = new UploadResponse(status, HttpSupport.headers(c),
                    engine.http().boundedBody(c, status), hashes, bodyBytesSent);
            listener.onProgress(outcome.bytes(), length);
            ok = true;
            return response;
        } catch (RuntimeException e) {
            c.disconnect();
            if (e instanceof ImageSdkException) {
                throw e;
            }
            throw new ImageSdkClientException("Upload " + describe() + " failed: " + e, e);
        } finally {
            watchdog.close();
            if (!ok) {
                c.disconnect();
            }
            closeQuietly(source);
        }
    }

    /**
     * The service answered {@code Expect: 100-continue} with a final status instead (the JDK then throws
     * {@link ProtocolException} from {@code getOutputStream()}): no body byte was sent and the source was not
     * opened, so the answer is returned for the caller to map (a 503 keeps its {@code Retry-After}) and the
     * request may be resent as-is. Null if no error status can be read.
     *
     * <p>The JDK keeps that answer's status and headers but has closed the connection; anything that asks for
     * the response stream would send the request again on a new one (measured on JDK 17 and 25), so input is
     * switched off first: the status and headers are then read from what was received, the body is lost.
     */
    private UploadResponse rejectedBeforeTheBody(HttpURLConnection c) {
        try {
            c.setDoInput(false); // IllegalStateException if still connected: then no answer is taken from it
            int status = c.getResponseCode();
            if (status < 300) {
                return null;
            }
            Hashes none = new Hashes(HashAlgorithms.hex(HashAlgorithms.newDigest("md5")),
                    HashAlgorithms.hex(HashAlgorithms.newDigest("sha512")), 0);
            UploadResponse r = new UploadResponse(status, HttpSupport.headers(c),
                    engine.http().boundedBody(c, status), none, false);
            c.disconnect(); // the body was never sent: the connection cannot be reused
            return r;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writing the body failed. The service may have answered early (e.g. 413 or 401) and closed the
     * connection; if its status can still be read, it is returned for the caller to map.
     */
    private UploadResponse afterSendFailure(HttpURLConnection c, InterruptWatch watchdog,
                                            PipelinedCopy.Outcome outcome, MessageDigest md5, MessageDigest sha512) {
        Throwable cause = outcome.failure();
        if (interrupts.fired()) {
            c.disconnect();
            throw interrupted(outcome.bytes(), cause);
        }
        if (!(cause instanceof IOException io)) {
            c.disconnect();
            throw new ImageSdkClientException("Upload " + describe() + " aborted by the progress listener: "
                    + cause, cause);
        }
        if (watchdog.idleFired()) {
            throw idle();
        }
        try {
            int status = c.getResponseCode();
            if (status >= 300) {
                Hashes partial = new Hashes(HashAlgorithms.hex(md5), HashAlgorithms.hex(sha512), outcome.bytes());
                UploadResponse r = new UploadResponse(status, HttpSupport.headers(c),
                        engine.http().boundedBody(c, status), partial, bodyBytesSent);
                c.disconnect();
                return r;
            }
        } catch (IOException | RuntimeException ignored) {
            // no readable answer: report the write failure
        }
        c.disconnect();
        // HttpURLConnection in streaming mode hides an early answer once a write failed; say what it likely was.
        throw new TransportException("Sending " + describe() + " failed after " + outcome.bytes() + " bytes: the "
                + "service closed the connection while the body was being sent (it rejected the request body, "
                + "e.g. with 401, 413 or 503, or the connection dropped): " + io.getMessage(), io);
    }

    private ImageSdkClientException failure(InterruptWatch watchdog, String what, IOException e) {
        if (interrupts.fired()) {
            return interrupted(-1, e);
        }
        if (watchdog.idleFired()) {
            return idle();
        }
        if (e instanceof SocketTimeoutException) {
            return new TransportException(what + ": read timed out after "
                    + engine.config().readTimeout().toMillis() + " ms", e);
        }
        return new TransportException(what + ": " + TransportFailures.causeInWords(e, Redactor.url(
                request.url().toString()), null, engine.config().connectTimeout(), ExchangeFailure.NO_ANSWER), e);
    }

    private ImageSdkClientException interrupted(long bytes, Throwable cause) {
        return new ImageSdkClientException("Upload " + describe() + " was interrupted"
                + (bytes >= 0 ? " after " + bytes + " bytes" : ""), cause);
    }

    private IdleTimeoutException idle() {
        return new IdleTimeoutException("Upload " + describe() + " stalled", engine.config().idleTimeout());
    }

    private String describe() {
        return request.method() + " " + Redactor.url(request.url().toString()) + " (" + request.operation() + ")";
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // the upload's outcome is already decided
            }
        }
    }
}
