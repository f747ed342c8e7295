package dev.imagesdk.internal.transfer;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one image's bytes like Glance's {@code GET /file}: honours {@code Range: bytes=N-} with 206, and
 * applies a scripted fault to the n-th request.
 */
final class ImageServer implements AutoCloseable {

    sealed interface Fault permits DropAfter, TruncateChunked, StallAfter, IgnoreRange, FlipByte, Status, RangeFrom {
    }

    /** Sends Content-Length for the whole range, then closes the connection after {@code bytes}. */
    record DropAfter(int bytes) implements Fault {
    }

    /** Sends a chunked body that ends cleanly after {@code bytes}. */
    record TruncateChunked(int bytes) implements Fault {
    }

    /** Sends {@code bytes}, then stops sending until the test ends. */
    record StallAfter(int bytes) implements Fault {
    }

    /** Answers 200 with the whole image even when a Range was asked for. */
    record IgnoreRange() implements Fault {
    }

    /** Serves the image with one byte changed. */
    record FlipByte(int index) implements Fault {
    }

    /** Answers a Range request with 206 from {@code start}, whatever was asked. */
    record RangeFrom(int start) implements Fault {
    }

    /** Answers with this status, these headers and no body. */
    record Status(int code, Map<String, String> headers) implements Fault {
        Status(int code) {
            this(code, Map.of());
        }
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final byte[] data;
    private final Map<Integer, Fault> faults = new ConcurrentHashMap<>();
    private volatile String contentMd5;
    final LoopbackServer server;

    ImageServer(byte[] data) {
        this.data = data;
        this.server = new LoopbackServer(this::serve);
    }

    ImageServer fault(int requestIndex, Fault fault) {
        faults.put(requestIndex, fault);
        return this;
    }

    ImageServer contentMd5(String value) {
        this.contentMd5 = value;
        return this;
    }

    URL url() {
        return server.url("/v2/images/img-1/file");
    }

    List<LoopbackServer.Seen> requests() {
        return server.requests;
    }

    private void serve(HttpExchange exchange, int index) throws IOException {
        exchange.getRequestBody().readAllBytes();
        Fault fault = faults.get(index);
        if (fault instanceof Status s) {
            s.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(s.code(), -1);
            return;
        }
        byte[] body = data;
        if (fault instanceof FlipByte f) {
            body = data.clone();
            body[f.index()] ^= 0x01;
        }
        if (contentMd5 != null) {
            exchange.getResponseHeaders().add("Content-MD5", contentMd5);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        String range = exchange.getRequestHeaders().getFirst("Range");
        int start = 0;
        int status = 200;
        if (range != null && !(fault instanceof IgnoreRange)) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            start = fault instanceof RangeFrom f ? f.start() : Integer.parseInt(m.group(1));
            if (start >= body.length) {
                exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            status = 206;
            exchange.getResponseHeaders().add("Content-Range",
                    "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
        }
        int length = body.length - start;
        int limit = length;
        if (fault instanceof DropAfter d) {
            limit = Math.min(length, d.bytes());
        } else if (fault instanceof TruncateChunked t) {
            limit = Math.min(length, t.bytes());
        } else if (fault instanceof StallAfter s) {
            limit = Math.min(length, s.bytes());
        }
        exchange.sendResponseHeaders(status, fault instanceof TruncateChunked ? 0 : (length == 0 ? -1 : length));
        OutputStream out = exchange.getResponseBody();
        out.write(body, start, limit);
        out.flush();
        if (fault instanceof DropAfter) {
            throw new IOException("fault: connection dropped"); // the JDK server closes the connection
        }
        if (fault instanceof StallAfter) {
            server.stall();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
