package dev.imagesdk.fake.internal.http;

import com.sun.net.httpserver.HttpExchange;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.internal.engine.Caller;
import dev.imagesdk.fake.internal.engine.GlanceException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One request being answered: parsed request data, the caller, and response helpers. */
final class Call {
    static final int MAX_JSON_BODY = 1024 * 1024;

    final HttpExchange ex;
    final String method;
    final String path;
    final String rawQuery;
    final List<Map.Entry<String, String>> params;
    final String requestId;
    final String baseUrl;
    Operation operation = Operation.ANY;
    Caller caller;
    /** A body fault to apply to this call's transfer, if any. */
    Fault bodyFault;
    int status;
    /** Runs once, just before the status line goes out (the journal records the call there). */
    Runnable beforeResponse;
    boolean responded;
    boolean sendRequestId = true;

    Call(HttpExchange ex, String requestId, String baseUrl) {
        this.ex = ex;
        this.method = ex.getRequestMethod().toUpperCase();
        this.path = ex.getRequestURI().getRawPath();
        this.rawQuery = ex.getRequestURI().getRawQuery();
        this.params = parseQuery(rawQuery);
        this.requestId = requestId;
        this.baseUrl = baseUrl;
    }

    static List<Map.Entry<String, String>> parseQuery(String q) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (q == null || q.isEmpty()) {
            return out;
        }
        for (String part : q.split("&")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            out.add(new AbstractMap.SimpleImmutableEntry<>(decode(k), decode(v)));
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    String header(String name) {
        return ex.getRequestHeaders().getFirst(name);
    }

    String accept() {
        return header("Accept");
    }

    String param(String name) {
        for (Map.Entry<String, String> e : params) {
            if (e.getKey().equals(name)) return e.getValue();
        }
        return null;
    }

    List<String> params(String name) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : params) {
            if (e.getKey().equals(name)) out.add(e.getValue());
        }
        return out;
    }

    InputStream body() {
        return ex.getRequestBody();
    }

    /**
     * Reads a small (JSON) body; larger than 1 MiB is 413. A declared {@code Content-Length} above
     * the cap is refused before reading anything; the answer then closes the connection (the body
     * was not drained), as it does when a chunked body passes the cap.
     */
    byte[] smallBody() throws IOException {
        if (declaredLength() > MAX_JSON_BODY) {
            throw tooLarge();
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_JSON_BODY + 1);
            if (b.length > MAX_JSON_BODY) {
                throw tooLarge();
            }
            return b;
        }
    }

    private GlanceException tooLarge() {
        setHeader("Connection", "close");
        return GlanceException.tooLarge("Request is too large.");
    }

    /** The request's {@code Content-Length}, -1 if absent (the server has checked its syntax). */
    long declaredLength() {
        String v = header("Content-Length");
        try {
            return v == null ? -1 : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Parses the body as JSON; 400 "Malformed JSON in request body." otherwise. */
    Object json() throws IOException {
        byte[] b = smallBody();
        try {
            return PyJson.parse(b);
        } catch (IOException e) {
            throw GlanceException.badRequest("Malformed JSON in request body.");
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> jsonObject() throws IOException {
        Object o = json();
        if (!(o instanceof Map)) {
            throw GlanceException.badRequest("Body expected in request.");
        }
        return (Map<String, Object>) o;
    }

    void setHeader(String name, String value) {
        ex.getResponseHeaders().set(name, value);
    }

    private void stamp() {
        if (sendRequestId && requestId != null) {
            ex.getResponseHeaders().set("X-Openstack-Request-Id", requestId);
        }
    }

    /** A JSON response, Python-formatted. */
    void json(int code, Object body) throws IOException {
        send(code, "application/json", PyJson.bytes(body));
    }

    void send(int code, String contentType, byte[] body) throws IOException {
        status = code;
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        stamp();
        if (method.equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            sendResponseHeaders(code, -1);
            ex.close();
            return;
        }
        if (bodyFault != null && bodyFault.kind() == Fault.Kind.TRUNCATED_BODY && body.length > 1) {
            sendResponseHeaders(code, body.length);
            OutputStream out = ex.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            abort();
            return;
        }
        if (body.length == 0) {
            sendResponseHeaders(code, -1);
        } else {
            sendResponseHeaders(code, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        ex.close();
    }

    /**
     * The request body of an upload, cut (connection dropped) after the offset of an armed
     * mid-upload drop fault.
     */
    InputStream uploadBody() {
        InputStream in = body();
        Fault f = bodyFault;
        if (f != null && f.kind() == Fault.Kind.CORRUPTED_BYTE) {
            return corruptedAt(in, f.offset());
        }
        if (f == null || f.kind() != Fault.Kind.DROP_MID_UPLOAD) {
            return in;
        }
        long limit = f.offset();
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read >= limit) {
                    throw new Dropped();
                }
                int n = super.read(b, off, (int) Math.min(len, limit - read));
                if (n > 0) read += n;
                return n;
            }
        };
    }

    /** An upload body whose byte at {@code offset} is flipped as it is received (the image stores it so). */
    private static InputStream corruptedAt(InputStream in, long offset) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0 && offset >= read && offset < read + n) {
                    int i = off + (int) (offset - read);
                    b[i] = (byte) (b[i] ^ 0xff);
                }
                if (n > 0) {
                    read += n;
                }
                return n;
            }
        };
    }

    /**
     * Sends image data ({@code length} bytes from {@code in}, which starts at image offset
     * {@code start}) with status {@code code}, applying an armed body fault: truncated (half),
     * dropped after an offset, or one byte flipped. Headers must be set; closes {@code in}.
     */
    void streamBody(int code, InputStream data, long start, long length) throws IOException {
        status = code;
        Fault f = bodyFault;
        long cut = -1;
        long corrupt = -1;
        if (f != null) {
            switch (f.kind()) {
                case TRUNCATED_BODY: cut = length / 2; break;
                case DROP_MID_DOWNLOAD: cut = Math.min(f.offset(), length); break;
                case CORRUPTED_BYTE: corrupt = f.offset(); break;
                default: break;
            }
        }
        try (InputStream in = data) {
            if (length == 0) {
                sendResponseHeaders(code, -1);
                ex.close();
                return;
            }
            sendResponseHeaders(code, length);
            OutputStream out = ex.getResponseBody();
            byte[] buf = new byte[64 * 1024];
            long sent = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                if (corrupt >= start + sent && corrupt < start + sent + n) {
                    int i = (int) (corrupt - start - sent);
                    buf[i] = (byte) (buf[i] ^ 0xff);
                }
                if (cut >= 0 && sent + n >= cut) {
                    out.write(buf, 0, (int) (cut - sent));
                    out.flush();
                    abort();
                }
                out.write(buf, 0, n);
                sent += n;
            }
            out.close();
        }
        ex.close();
    }

    /** Glance's empty answers (204, 202): {@code text/html; charset=UTF-8}, Content-Length 0. */
    void empty(int code) throws IOException {
        status = code;
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        ex.getResponseHeaders().set("Content-Length", "0");
        stamp();
        sendResponseHeaders(code, -1);
        ex.close();
    }

    void error(GlanceException e) throws IOException {
        e.headers().forEach(this::setHeader);
        if (method.equals("HEAD")) {
            // as Glance answers HEAD errors: no body, an empty text/html entity
            status = e.status();
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            ex.getResponseHeaders().set("Content-Length", "0");
            stamp();
            sendResponseHeaders(e.status(), -1);
            ex.close();
            return;
        }
        // The server discards what is left of the request body before the status line goes out
        // (unless this answer says Connection: close), as eventlet does: a client still sending
        // an upload then sees Glance's 409/403/..., not a connection reset.
        ErrorBodies.Rendered r = ErrorBodies.render(accept(), e.status(), e.body());
        send(e.status(), r.contentType(), r.body());
    }

    /**
     * Drops the connection without (completing) an answer: the handler throws, and the JDK
     * server closes the socket of a handler that fails.
     */
    void abort() throws Dropped {
        throw new Dropped();
    }

    /** Thrown to make the server close the connection. */
    static final class Dropped extends IOException {
        private static final long serialVersionUID = 1L;

        Dropped() {
            super("connection dropped by fault", null);
        }
    }

    /**
     * Sends the status line and headers, first recording the call: a client that has read a response can
     * rely on finding its request in the journal.
     */
    void sendResponseHeaders(int code, long length) throws IOException {
        status = code;
        if (!responded) {
            responded = true;
            if (beforeResponse != null) {
                beforeResponse.run();
            }
        }
        ex.sendResponseHeaders(code, length);
    }
}
