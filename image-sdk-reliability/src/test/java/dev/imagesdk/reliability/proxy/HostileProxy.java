package dev.imagesdk.reliability.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 TCP proxy on 127.0.0.1 between the SDK and the fake that misbehaves on purpose: it can
 * normalise request paths as nginx and Apache httpd do (decode percent-escapes of unreserved characters such as
 * {@code %2E}, merge slashes, resolve {@code .} and {@code ..} segments; {@code %2F} is left alone), and, once
 * per {@link #arm armed} fault, stall before the status line, reset the connection after N body bytes in either
 * direction, or flip one byte of a response body. One request per connection ({@code Connection: close} is
 * forced both ways) so every request head passes through it. Every socket has a read timeout, a stall is
 * bounded, and {@link #close()} stops the acceptor and every open connection.
 */
public final class HostileProxy implements AutoCloseable {

    /** What an armed fault does to the one request it strikes. */
    public enum Kind {
        /** Forwards the request, then never sends the client a status line (until the client or the bound ends). */
        STALL_BEFORE_STATUS,
        /** Resets both connections after {@code offset} request-body bytes went upstream. */
        RESET_REQUEST_AFTER,
        /** Resets the client connection after {@code offset} response-body bytes reached it. */
        RESET_RESPONSE_AFTER,
        /** Flips every bit of the response-body byte at {@code offset}. */
        CORRUPT_RESPONSE_BYTE
    }

    /** A one-shot fault for the next request whose (normalised) request line matches {@code requestLine}. */
    public record Fault(Kind kind, long offset, Pattern requestLine) {
    }

    private static final int MAX_HEAD = 64 * 1024;
    private static final int SOCKET_TIMEOUT_MS = 10_000;

    private final int upstreamPort;
    private final boolean normalise;
    private final Duration stallBound;
    private final ServerSocket server;
    private final Deque<Fault> armed = new ArrayDeque<>();
    private final List<String> forwarded = new ArrayList<>();
    private final Map<Kind, AtomicLong> applied = new EnumMap<>(Kind.class);
    private final AtomicLong rewritten = new AtomicLong();
    private final List<Socket> open = new ArrayList<>();
    private final Thread acceptor;

    /**
     * @param upstreamPort the fake's port on 127.0.0.1
     * @param normalise whether request paths are normalised before forwarding
     * @param stallBound the longest a stall holds a connection
     */
    public HostileProxy(int upstreamPort, boolean normalise, Duration stallBound) throws IOException {
        this.upstreamPort = upstreamPort;
        this.normalise = normalise;
        this.stallBound = stallBound;
        for (Kind k : Kind.values()) {
            applied.put(k, new AtomicLong());
        }
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "hostile-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Arms a one-shot fault. */
    public synchronized void arm(Fault f) {
        armed.add(f);
    }

    /** Drops faults that struck nothing; returns how many. */
    public synchronized int disarm() {
        int n = armed.size();
        armed.clear();
        return n;
    }

    /** How many times each kind struck. */
    public long applied(Kind k) {
        return applied.get(k).get();
    }

    /** How many request targets normalisation changed. */
    public long rewritten() {
        return rewritten.get();
    }

    /** Request lines as forwarded upstream (after normalisation), oldest first. */
    public synchronized List<String> forwarded() {
        return List.copyOf(forwarded);
    }

    public synchronized void clearForwarded() {
        forwarded.clear();
    }

    private synchronized Fault take(String requestLine) {
        for (var it = armed.iterator(); it.hasNext(); ) {
            Fault f = it.next();
            if (f.requestLine().matcher(requestLine).find()) {
                it.remove();
                applied.get(f.kind()).incrementAndGet();
                return f;
            }
        }
        return null;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                track(client);
                Thread t = new Thread(() -> handle(client), "hostile-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private synchronized void track(Socket s) {
        open.add(s);
    }

    private synchronized void untrack(Socket s) {
        open.remove(s);
    }

    private void handle(Socket client) {
        Socket upstream = null;
        try {
            client.setSoTimeout(SOCKET_TIMEOUT_MS);
            InputStream cin = client.getInputStream();
            List<String> head = readHead(cin);
            if (head == null) {
                return;
            }
            String[] rl = head.get(0).split(" ", 3);
            if (rl.length != 3) {
                return;
            }
            String target = normalise ? normalise(rl[1]) : rl[1];
            if (!target.equals(rl[1])) {
                rewritten.incrementAndGet();
            }
            String line = rl[0] + " " + target + " " + rl[2];
            synchronized (this) {
                forwarded.add(line);
            }
            Fault fault = take(line);
            upstream = new Socket();
            track(upstream);
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2_000);
            upstream.setSoTimeout(SOCKET_TIMEOUT_MS);
            OutputStream uout = upstream.getOutputStream();
            uout.write(withConnectionClose(line, head));
            uout.flush();
            Socket up = upstream;
            Thread body = new Thread(() -> pumpRequestBody(cin, up, client, fault), "hostile-proxy-req");
            body.setDaemon(true);
            body.start();
            InputStream uin = upstream.getInputStream();
            if (fault != null && fault.kind() == Kind.STALL_BEFORE_STATUS) {
                stall(client);
                return;
            }
            List<String> respHead = readHead(uin);
            if (respHead == null) {
                return;
            }
            OutputStream cout = client.getOutputStream();
            cout.write(withConnectionClose(respHead.get(0), respHead));
            pumpResponseBody(uin, cout, client, fault);
        } catch (IOException e) {
            // a reset, a timeout or close(): the connection ends
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** Holds the client without an answer until it gives up or the bound passes. */
    private void stall(Socket client) throws IOException {
        long end = System.nanoTime() + stallBound.toNanos();
        client.setSoTimeout(50);
        InputStream in = client.getInputStream();
        byte[] buf = new byte[4096];
        while (System.nanoTime() < end && !client.isClosed()) {
            try {
                if (in.read(buf) < 0) {
                    return;
                }
            } catch (SocketTimeoutException e) {
                // still waiting
            }
        }
    }

    private void pumpRequestBody(InputStream cin, Socket upstream, Socket client, Fault fault) {
        long limit = fault != null && fault.kind() == Kind.RESET_REQUEST_AFTER ? fault.offset() : Long.MAX_VALUE;
        long sent = 0;
        byte[] buf = new byte[8192];
        try {
            OutputStream uout = upstream.getOutputStream();
            int n;
            while ((n = cin.read(buf, 0, (int) Math.min(buf.length, Math.max(1, limit - sent)))) >= 0) {
                if (sent + n >= limit) {
                    uout.write(buf, 0, (int) (limit - sent));
                    uout.flush();
                    reset(client);
                    reset(upstream);
                    return;
                }
                uout.write(buf, 0, n);
                uout.flush();
                sent += n;
            }
        } catch (IOException e) {
            // either side went away
        }
    }

    private void pumpResponseBody(InputStream uin, OutputStream cout, Socket client, Fault fault) throws IOException {
        long resetAt = fault != null && fault.kind() == Kind.RESET_RESPONSE_AFTER ? fault.offset() : -1;
        long corruptAt = fault != null && fault.kind() == Kind.CORRUPT_RESPONSE_BYTE ? fault.offset() : -1;
        long pos = 0;
        byte[] buf = new byte[8192];
        int n;
        while ((n = uin.read(buf)) >= 0) {
            if (corruptAt >= pos && corruptAt < pos + n) {
                int i = (int) (corruptAt - pos);
                buf[i] = (byte) ~buf[i];
            }
            if (resetAt >= 0 && pos + n >= resetAt) {
                cout.write(buf, 0, (int) (resetAt - pos));
                cout.flush();
                reset(client);
                return;
            }
            cout.write(buf, 0, n);
            pos += n;
        }
        cout.flush();
    }

    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        closeQuietly(s);
    }

    private void closeQuietly(Socket s) {
        if (s == null) {
            return;
        }
        untrack(s);
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    private static byte[] withConnectionClose(String first, List<String> head) {
        StringBuilder b = new StringBuilder(first).append("\r\n");
        for (String h : head.subList(1, head.size())) {
            String name = h.contains(":") ? h.substring(0, h.indexOf(':')).trim() : h;
            if (!name.equalsIgnoreCase("Connection") && !name.equalsIgnoreCase("Keep-Alive")) {
                b.append(h).append("\r\n");
            }
        }
        b.append("Connection: close\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The head's lines (request or status line first), or null at EOF before any byte. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        int c;
        while ((c = in.read()) >= 0) {
            if (++total > MAX_HEAD) {
                throw new IOException("head too long");
            }
            if (c == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                s = s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                if (s.isEmpty()) {
                    return lines;
                }
                lines.add(s);
                line.reset();
            } else {
                line.write(c);
            }
        }
        return null;
    }

    /**
     * What a normalising proxy makes of a request target: escapes of unreserved characters decoded (so
     * {@code %2E} is a dot), runs of slashes merged, {@code .} and {@code ..} segments resolved (RFC 3986,
     * 5.2.4); the query is kept as it is.
     */
    public static String normalise(String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q);
        StringBuilder decoded = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                int v = Integer.parseInt(path.substring(i + 1, i + 3), 16);
                if (Character.isLetterOrDigit(v) && v < 128 || v == '-' || v == '.' || v == '_' || v == '~') {
                    decoded.append((char) v);
                    i += 2;
                    continue;
                }
            }
            decoded.append(c);
        }
        String merged = decoded.toString().replaceAll("/{2,}", "/");
        Deque<String> out = new ArrayDeque<>();
        String[] segs = merged.split("/", -1);
        for (int i = 1; i < segs.length; i++) {
            String s = segs[i];
            boolean last = i == segs.length - 1;
            if (s.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.removeLast();
                }
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(s);
            }
        }
        return "/" + String.join("/", out) + query;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        List<Socket> all;
        synchronized (this) {
            all = new ArrayList<>(open);
        }
        all.forEach(this::closeQuietly);
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
