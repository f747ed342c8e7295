package dev.imagesdk.fake.internal.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request/response on an {@link Http11Server} connection, with the semantics of the JDK's
 * {@link HttpExchange} ({@code sendResponseHeaders(code, -1)}: no body; {@code 0}: chunked;
 * {@code n}: exactly n bytes). Request bodies are length-delimited or chunked; whatever the
 * handler left unread is drained before the status line (up to {@link #MAX_DRAIN}), unless the
 * handler answers {@code Connection: close}.
 */
final class Http11Exchange extends HttpExchange {
    /** Most of an unread request body discarded to keep the connection; beyond it the connection closes. */
    static final long MAX_DRAIN = 1L << 30;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.US);

    private final Http11Server.Head head;
    private final Socket socket;
    private final OutputStream raw;
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private final Http11Streams.RequestBody body;
    private InputStream requestStream;
    private OutputStream responseStream;
    private boolean closeAfter;
    private boolean sent;
    private boolean broken;
    private int code = -1;
    private Http11Streams.ResponseBody out;

    Http11Exchange(Http11Server.Head head, Socket socket, InputStream in, OutputStream raw) throws IOException {
        this.head = head;
        this.socket = socket;
        this.raw = raw;
        Headers h = head.headers();
        String connection = Http11Server.lower(h.getFirst("Connection"));
        boolean http10 = head.version().equals("HTTP/1.0");
        closeAfter = http10 || (connection != null && connection.contains("close"));
        boolean expect100 = "100-continue".equalsIgnoreCase(h.getFirst("Expect"));
        List<String> te = h.get("Transfer-Encoding");
        List<String> cl = h.get("Content-Length");
        if (te != null) {
            String last = Http11Server.lower(te.get(te.size() - 1)).strip();
            if (!last.endsWith("chunked")) {
                throw new Http11Server.BadRequest(400, "Unsupported Transfer-Encoding");
            }
            if (cl != null) {
                closeAfter = true; // ambiguous framing: serve it, then close
            }
            body = new Http11Streams.RequestBody(in, -1, expect100 ? raw : null);
        } else if (cl != null) {
            long len = -1;
            for (String v : cl) {
                long n = parseLength(v);
                if (len >= 0 && n != len) {
                    throw new Http11Server.BadRequest(400, "Conflicting Content-Length");
                }
                len = n;
            }
            body = new Http11Streams.RequestBody(in, len, expect100 && len > 0 ? raw : null);
        } else {
            body = new Http11Streams.RequestBody(in, 0, null);
        }
        requestStream = body;
    }

    private static long parseLength(String v) throws Http11Server.BadRequest {
        String s = v.strip();
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Http11Server.BadRequest(400, "Bad Content-Length");
        }
        return Long.parseLong(s);
    }

    boolean headersSent() {
        return sent;
    }

    @Override
    public Headers getRequestHeaders() {
        return head.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return head.uri();
    }

    @Override
    public String getRequestMethod() {
        return head.method();
    }

    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    @Override
    public void close() {
        if (!sent) {
            broken = true;
            return;
        }
        try {
            responseStream.close();
        } catch (IOException e) {
            broken = true;
        }
    }

    @Override
    public InputStream getRequestBody() {
        return requestStream;
    }

    @Override
    public OutputStream getResponseBody() {
        if (responseStream == null) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("response headers not sent");
                }
            };
        }
        return responseStream;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
        if (sent) {
            throw new IOException("headers already sent");
        }
        String connection = Http11Server.lower(responseHeaders.getFirst("Connection"));
        if (connection != null && connection.contains("close")) {
            closeAfter = true;
        }
        if (!closeAfter && !body.drain(MAX_DRAIN)) {
            closeAfter = true;
        }
        boolean head = head().method().equals("HEAD");
        boolean noBody = head || rCode == 204 || rCode == 304 || (rCode >= 100 && rCode < 200);
        long length;
        if (noBody) {
            length = 0;
        } else if (responseLength < 0) {
            responseHeaders.set("Content-Length", "0");
            length = 0;
        } else if (responseLength == 0) {
            if (http10()) {
                closeAfter = true;
                responseHeaders.remove("Content-Length");
                length = Long.MAX_VALUE;
            } else {
                responseHeaders.set("Transfer-Encoding", "chunked");
                responseHeaders.remove("Content-Length");
                length = -1;
            }
        } else {
            responseHeaders.set("Content-Length", Long.toString(responseLength));
            length = responseLength;
        }
        if (closeAfter) {
            responseHeaders.set("Connection", "close");
        }
        responseHeaders.set("Date", DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(rCode).append(' ').append(reason(rCode)).append("\r\n");
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            for (String v : e.getValue()) {
                if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("CR/LF in response header " + e.getKey());
                }
                sb.append(e.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        sb.append("\r\n");
        code = rCode;
        sent = true;
        raw.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out = new Http11Streams.ResponseBody(raw, length);
        responseStream = out;
        if (length == 0) {
            raw.flush();
        }
    }

    private Http11Server.Head head() {
        return head;
    }

    private boolean http10() {
        return head.version().equals("HTTP/1.0");
    }

    /** Answers a failure that happened before any response, then the connection closes. */
    void answerAndClose(int status, String text) {
        closeAfter = true;
        try {
            Http11Server.writeSimple(raw, status, text);
        } catch (IOException ignored) {
            // the client went away
        }
        sent = true;
        broken = true;
    }

    /** Sends what the handler wrote before it failed (the connection closes next). */
    void flushQuietly() {
        try {
            raw.flush();
        } catch (IOException ignored) {
            // the client went away
        }
    }

    /** Completes the exchange after the handler; true if the connection can carry another request. */
    boolean finish() throws IOException {
        if (!sent) {
            return false;
        }
        close();
        raw.flush();
        return !broken && !closeAfter && out.complete() && body.drain(MAX_DRAIN);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public int getResponseCode() {
        return code;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public String getProtocol() {
        return head.version();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        if (i != null) {
            requestStream = i;
        }
        if (o != null) {
            responseStream = o;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    static String reason(int code) {
        switch (code) {
            case 100: return "Continue";
            case 200: return "OK";
            case 201: return "Created";
            case 202: return "Accepted";
            case 204: return "No Content";
            case 206: return "Partial Content";
            case 300: return "Multiple Choices";
            case 301: return "Moved Permanently";
            case 302: return "Found";
            case 303: return "See Other";
            case 304: return "Not Modified";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 406: return "Not Acceptable";
            case 409: return "Conflict";
            case 410: return "Gone";
            case 411: return "Length Required";
            case 412: return "Precondition Failed";
            case 413: return "Request Entity Too Large";
            case 414: return "Request URI Too Long";
            case 415: return "Unsupported Media Type";
            case 416: return "Requested Range Not Satisfiable";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            case 505: return "HTTP Version Not Supported";
            default: return "Unknown";
        }
    }
}
