package dev.imagesdk.fake.internal.http;

import com.sun.net.httpserver.HttpExchange;
import dev.imagesdk.fake.Fault;
import dev.imagesdk.fake.Operation;
import dev.imagesdk.fake.internal.engine.Caller;
import dev.imagesdk.fake.internal.engine.GlanceException;
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

    /** Reads a small (JSON) body; larger than 1 MiB is 413. */
    byte[] smallBody() throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_JSON_BODY + 1);
            if (b.length > MAX_JSON_BODY) {
                throw GlanceException.tooLarge("Request is too large.");
            }
            return b;
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
