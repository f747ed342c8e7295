package dev.imagesdk.internal.transfer;

import dev.imagesdk.exception.TransportException;
import dev.imagesdk.internal.http.ExchangeFailure;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The response to one data GET, positioned at the requested offset. A server that ignores {@code Range}
 * and answers 200 has the bytes before the offset read and discarded here (never hashed twice); a 206
 * whose {@code Content-Range} starts before the offset is skipped forward the same way; one that starts
 * after it is refused.
 */
final class DataResponse implements AutoCloseable {

    enum Kind { DATA, NO_CONTENT, RANGE_NOT_SATISFIABLE }

    private static final Pattern CONTENT_RANGE = Pattern.compile("\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("\\s*bytes\\s+\\*/(\\d+)\\s*");

    /** The URL requested (for messages: mask it before showing it). */
    final java.net.URL url;
    final Kind kind;
    final int status;
    final Map<String, List<String>> headers;
    /** Bytes expected from {@link #body} (from the offset to the end), or -1 when unknown. */
    final long remaining;
    /** The full image size as the response states it, or -1. */
    final long total;
    final InputStream body;
    private final HttpURLConnection connection;
    private final InterruptWatch interrupts;

    private DataResponse(java.net.URL url, Kind kind, int status, Map<String, List<String>> headers, long remaining, long total,
                         InputStream body, HttpURLConnection connection, InterruptWatch interrupts) {
        this.url = url;
        this.kind = kind;
        this.status = status;
        this.headers = headers;
        this.remaining = remaining;
        this.total = total;
        this.body = body;
        this.connection = connection;
        this.interrupts = interrupts;
    }

    /**
     * Sends the GET (with {@code Range: bytes=offset-} when offset > 0).
     *
     * @throws IOException a connection failure (the caller may try again); an {@link InterruptedIOException}
     *         when the calling thread was interrupted (the connection is then closed at once, see
     *         {@link InterruptWatch}, and the flag stays set; on a virtual thread the JDK closes it itself). The body's reads are interruptible the same way
     *         until {@link #close()} or {@link #abort()}.
     * @throws dev.imagesdk.exception.ImageServiceException an error status, mapped by {@code errors}
     * @throws TransportException a response that cannot be used (inconsistent {@code Content-Range})
     */
    static DataResponse open(TransferEngine engine, DataRequest request, long offset, ErrorStatusMapper errors)
            throws IOException {
        HttpURLConnection c = engine.http().open(request.url(), "GET", request.headers(),
                engine.config().downloadReadTimeoutMillis());
        if (offset > 0) {
            c.setRequestProperty("Range", "bytes=" + offset + "-");
        }
        InterruptWatch interrupts = new InterruptWatch(engine.timer(), c::disconnect);
        boolean ok = false;
        String url = request.url().toString();
        long start = System.nanoTime();
        engine.wire().request("GET", url, 0);
        try {
            int status;
            try {
                status = c.getResponseCode();
            } catch (IOException e) {
                engine.wire().failure("GET", url, System.nanoTime() - start, e);
                throw interrupts.fired() || Thread.currentThread().isInterrupted() ? interrupted(e)
                        : exchangeFailure(engine, request, e);
            }
            Map<String, List<String>> headers = HttpSupport.headers(c);
            String requestId = HttpSupport.firstHeader(headers, "x-openstack-request-id");
            engine.wire().response("GET", url, status, System.nanoTime() - start, requestId);
            dev.imagesdk.internal.http.CallScope.response(status, requestId); // no-op outside a call (resumes)
            DataResponse r;
            switch (status) {
                case 200: {
                    long length = c.getContentLengthLong();
                    InputStream in = c.getInputStream();
                    if (length >= 0 && length < offset) {
                        throw new TransportException("The server ignored Range and sent " + length
                                + " bytes, fewer than the " + offset + " already received");
                    }
                    skipFully(in, offset);
                    r = new DataResponse(request.url(), Kind.DATA, status, headers, length < 0 ? -1 : length - offset, length, in, c,
                            interrupts);
                    break;
                }
                case 206: {
                    String cr = HttpSupport.firstHeader(headers, "Content-Range");
                    Matcher m = cr == null ? null : CONTENT_RANGE.matcher(cr);
                    if (m == null || !m.matches()) {
                        throw new TransportException("206 response without a usable Content-Range: " + cr);
                    }
                    long first = Long.parseLong(m.group(1));
                    long last = Long.parseLong(m.group(2));
                    long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
                    if (first > offset || last < first) {
                        throw new TransportException("Asked for bytes from " + offset + " but got Content-Range " + cr);
                    }
                    InputStream in = c.getInputStream();
                    skipFully(in, offset - first);
                    r = new DataResponse(request.url(), Kind.DATA, status, headers, last + 1 - offset, total, in, c, interrupts);
                    break;
                }
                case 204:
                    r = new DataResponse(request.url(), Kind.NO_CONTENT, status, headers, 0, 0, InputStream.nullInputStream(), c,
                            interrupts);
                    break;
                case 416: {
                    String cr = HttpSupport.firstHeader(headers, "Content-Range");
                    Matcher m = cr == null ? null : UNSATISFIED_RANGE.matcher(cr);
                    long total = m != null && m.matches() ? Long.parseLong(m.group(1)) : -1;
                    engine.http().boundedBody(c, status);
                    r = new DataResponse(request.url(), Kind.RANGE_NOT_SATISFIABLE, status, headers, 0, total,
                            InputStream.nullInputStream(), c, interrupts);
                    break;
                }
                default:
                    byte[] body = engine.http().boundedBody(c, status);
                    throw errors.map(status, headers, body);
            }
            ok = true;
            return r;
        } catch (IOException e) {
            throw interrupts.fired() || Thread.currentThread().isInterrupted() ? interrupted(e) : e;
        } finally {
            if (!ok) {
                interrupts.close();
                c.disconnect();
            }
        }
    }

    private static IOException exchangeFailure(TransferEngine engine, DataRequest request, IOException e) {
        return openFailure(engine, request.url(), e);
    }

    /**
     * {@return the failure of a data GET of {@code url} before its answer, with the method, URL and timeouts for
     * the message} An interrupt's {@link InterruptedIOException} is returned as it is.
     */
    static IOException openFailure(TransferEngine engine, java.net.URL url, IOException e) {
        if (e instanceof ExchangeFailure || (e instanceof InterruptedIOException
                && !(e instanceof java.net.SocketTimeoutException))) {
            return e;
        }
        try {
            return new ExchangeFailure("GET", url.toURI(), Duration.ofMillis(engine.config().downloadReadTimeoutMillis()),
                    engine.config().connectTimeout(), ExchangeFailure.NO_ANSWER, e);
        } catch (URISyntaxException bad) {
            return e;
        }
    }

    private static InterruptedIOException interrupted(IOException cause) {
        InterruptedIOException e = new InterruptedIOException("interrupted; the connection was closed");
        e.initCause(cause);
        return e;
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 64 * 1024)];
        while (n > 0) {
            int r = in.read(scratch, 0, (int) Math.min(n, scratch.length));
            if (r < 0) {
                throw new EOFException("Response ended while skipping to the resume offset");
            }
            n -= r;
        }
    }

    /**
     * {@return {@code cut}, the failure of this response's body after {@code bytes} bytes, with the request's URL
     * and the byte count for the message} An {@link InterruptedIOException} is returned as it is.
     */
    static IOException cutShort(DataResponse response, IOException cut, long bytes) {
        if (cut instanceof InterruptedIOException && !(cut instanceof java.net.SocketTimeoutException)) {
            return cut;
        }
        try {
            return new ExchangeFailure("GET", response.url.toURI(), null, null, bytes, cut);
        } catch (URISyntaxException e) {
            return cut;
        }
    }

    /** Drops the connection (not reused): the body was not read to its end or cannot be trusted. */
    void abort() {
        interrupts.close();
        connection.disconnect();
    }

    /**
     * Drops the connection from another thread (see {@link InterruptWatch}): for a caller that stopped waiting
     * for a body read blocked on a worker, since {@code disconnect()} waits for that read.
     */
    void abortInBackground() {
        interrupts.fire();
    }

    /** Closes the body after it was read to its end, so the connection can be reused. */
    @Override
    public void close() {
        interrupts.close();
        try {
            body.close();
        } catch (IOException e) {
            connection.disconnect();
        }
    }
}
