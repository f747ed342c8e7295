package dev.imagesdk.fake.internal.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake's HTTP/1.1 server: keeps connections open as Glance (eventlet) does, and cannot be
 * stopped by a few misbehaving clients. One concept (connection handling), hence one class.
 *
 * <p>Persistence: a connection is closed only after an answer that says {@code Connection: close}
 * (the client asked for it, HTTP/1.0, a body that could not be drained, an answer started before
 * the handler failed), when the client closes it, or on a timeout. Every request body is read
 * (or discarded) before the status line goes out, so a client that sends its whole body before
 * reading never meets a reset.
 *
 * <p>Threads and timeouts: one thread per connection, virtual on JDK 21+ (found by reflection,
 * so this compiles on 17), else a pool of up to {@link Settings#maxPlatformThreads()} platform
 * threads (beyond that a new connection is answered 503 and closed). The request line and
 * headers must arrive within {@code readTimeout} in total (no slowloris); each body read and
 * each response write must make progress within {@code readTimeout} (a long upload or download
 * is bounded by progress, not by its total time); between requests a connection may stay idle
 * for {@code idleTimeout}. A timeout closes the connection.
 */
final class Http11Server implements AutoCloseable {
    /** System.Logger, not SLF4J: the standalone jar has no SLF4J provider and must still show failures. */
    private static final System.Logger LOG = System.getLogger(Http11Server.class.getName());
    static final int MAX_LINE = 8192;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_HEADERS = 256;
    /** Longest a closing connection keeps discarding what its client still sends. */
    static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Timeouts and limits of the server. */
    record Settings(Duration readTimeout, Duration idleTimeout, int maxPlatformThreads) {
    }

    /** Handles one exchange; the server answers 500 for a handler that throws anything but IOException. */
    interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private final ServerSocket socket;
    private final Settings settings;
    private final Handler handler;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;
    private final Set<Conn> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean stopped;

    Http11Server(InetSocketAddress bind, int backlog, Settings settings, Handler handler) throws IOException {
        this.settings = settings;
        this.handler = handler;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(bind, backlog);
        this.workers = newWorkers(settings.maxPlatformThreads());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("fake-glance-watchdog"));
        this.acceptor = daemon("fake-glance-acceptor").newThread(this::acceptLoop);
    }

    int port() {
        return socket.getLocalPort();
    }

    void start() {
        long tick = Math.max(20, Math.min(1000, settings.readTimeout().toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::reap, tick, tick, TimeUnit.MILLISECONDS);
        acceptor.start();
    }

    /** Connections currently open (for tests). */
    int openConnections() {
        return open.size();
    }

    @Override
    public void close() {
        stopped = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Conn c : open) {
            c.kill();
        }
        workers.shutdownNow();
        watchdog.shutdownNow();
    }

    /** Virtual threads when the JDK has them (21+), else a bounded pool of platform threads. */
    static ExecutorService newWorkers(int maxPlatform) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            builder = ofVirtual.getMethod("name", String.class, long.class).invoke(builder, "fake-glance-", 1L);
            ThreadFactory factory = (ThreadFactory) ofVirtual.getMethod("factory").invoke(builder);
            Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            return (ExecutorService) perTask.invoke(null, factory);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new ThreadPoolExecutor(0, maxPlatform, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    daemon("fake-glance-"));
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void acceptLoop() {
        while (!stopped) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                if (!stopped) {
                    // e.g. out of file descriptors: back off instead of spinning
                    LOG.log(System.Logger.Level.WARNING, "fake Glance: accept failed: " + e);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
                continue;
            }
            Conn c = new Conn(s);
            open.add(c);
            try {
                workers.execute(c);
            } catch (RejectedExecutionException e) {
                c.refuse();
            }
        }
    }

    /** Closes connections whose headers are late or whose writes made no progress in time. */
    private void reap() {
        long now = System.nanoTime();
        long limit = settings.readTimeout().toNanos();
        for (Conn c : open) {
            long since = c.stalledSince;
            if (since != 0 && now - since > limit) {
                c.kill();
            }
        }
    }

    /** Parsing or protocol failure: answered with this status and Connection: close. */
    static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** A parsed request head. */
    record Head(String method, URI uri, String version, Headers headers) {
    }

    /** One connection, served by one thread. */
    final class Conn implements Runnable {
        final Socket s;
        /** When the current header read or response write began (nanoTime), 0 when none is under way. */
        volatile long stalledSince;

        Conn(Socket s) {
            this.s = s;
            this.stalledSince = System.nanoTime();
        }

        void kill() {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
            open.remove(this);
        }

        void refuse() {
            try {
                s.setSoTimeout(1000);
                writeSimple(s.getOutputStream(), 503, "Too many connections.");
            } catch (IOException ignored) {
                // closing anyway
            }
            kill();
        }

        @Override
        public void run() {
            try {
                InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
                OutputStream out = new BufferedOutputStream(new Watched(s.getOutputStream(), this), 16 * 1024);
                s.setTcpNoDelay(true);
                boolean first = true;
                while (!stopped) {
                    if (!awaitRequest(in, first)) {
                        return;
                    }
                    first = false;
                    Head head;
                    try {
                        head = readHead(in);
                    } catch (BadRequest e) {
                        writeSimple(out, e.status, e.getMessage());
                        return;
                    } finally {
                        stalledSince = 0;
                    }
                    s.setSoTimeout((int) Math.max(1, settings.readTimeout().toMillis()));
                    Http11Exchange ex;
                    try {
                        ex = new Http11Exchange(head, s, in, out);
                    } catch (BadRequest e) {
                        writeSimple(out, e.status, e.getMessage());
                        return;
                    }
                    if (!serve(ex)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away or timed out: nothing to answer
            } finally {
                lingeringClose();
                kill();
            }
        }

        /**
         * Stops sending, then reads and discards what the client still sends for a short while
         * before closing: closing a socket with unread input makes the kernel send a reset, which
         * can destroy the answer (a 413, a 400) before the client has read it.
         */
        private void lingeringClose() {
            if (stopped || s.isClosed()) {
                return;
            }
            try {
                s.shutdownOutput();
                int quiet = (int) Math.max(1, Math.min(1000, settings.readTimeout().toMillis()));
                s.setSoTimeout(quiet);
                stalledSince = System.nanoTime() + Math.max(0, LINGER_NANOS - settings.readTimeout().toNanos());
                InputStream in = s.getInputStream();
                byte[] buf = new byte[64 * 1024];
                long end = System.nanoTime() + LINGER_NANOS;
                while (System.nanoTime() < end && in.read(buf) >= 0) {
                    // discard
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        /** Waits for the first byte of the next request; false if the connection ended or idled out. */
        private boolean awaitRequest(InputStream in, boolean first) throws IOException {
            if (first) {
                stalledSince = System.nanoTime();
                s.setSoTimeout((int) Math.max(1, settings.readTimeout().toMillis()));
            } else {
                stalledSince = 0;
                s.setSoTimeout((int) Math.max(1, settings.idleTimeout().toMillis()));
            }
            in.mark(1);
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                return false;
            }
            if (b < 0) {
                return false;
            }
            in.reset();
            if (!first) {
                stalledSince = System.nanoTime();
            }
            return true;
        }

        /** Runs the handler; true if the connection can carry another request. */
        private boolean serve(Http11Exchange ex) throws IOException {
            Throwable failure = null;
            try {
                handler.handle(ex);
            } catch (BadRequest e) {
                if (!ex.headersSent()) {
                    ex.answerAndClose(e.status, e.getMessage());
                }
                return false;
            } catch (IOException e) {
                ex.flushQuietly();
                return false;
            } catch (Throwable t) {
                failure = t;
            }
            if (failure != null) {
                LOG.log(System.Logger.Level.ERROR, "fake Glance: " + ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath()
                        + " failed", failure);
                if (!ex.headersSent()) {
                    ex.answerAndClose(500, "The server has either erred or is incapable of performing the requested "
                            + "operation.");
                }
                ex.flushQuietly();
                return false;
            }
            return ex.finish();
        }
    }

    /** Reads the request line and headers (bounded in size; the watchdog bounds their time). */
    static Head readHead(InputStream in) throws IOException {
        String line = readLine(in, MAX_LINE, 414, "Request URI Too Long");
        while (line.isEmpty()) {
            line = readLine(in, MAX_LINE, 414, "Request URI Too Long");
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !isToken(parts[0])) {
            throw new BadRequest(400, "Bad request syntax");
        }
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new BadRequest(version.startsWith("HTTP/") ? 505 : 400, "Bad request version");
        }
        URI uri;
        try {
            uri = new URI(parts[1]);
        } catch (URISyntaxException e) {
            throw new BadRequest(400, "Bad request syntax");
        }
        if (uri.getRawPath() == null || !(parts[1].startsWith("/") || uri.isAbsolute())) {
            throw new BadRequest(400, "Bad request syntax");
        }
        Headers headers = new Headers();
        int total = 0;
        int count = 0;
        while (true) {
            String h = readLine(in, MAX_LINE, 400, "Line too long");
            if (h.isEmpty()) {
                break;
            }
            total += h.length();
            if (++count > MAX_HEADERS || total > MAX_HEADER_BYTES) {
                throw new BadRequest(400, "Too many headers");
            }
            int colon = h.indexOf(':');
            if (colon <= 0 || !isToken(h.substring(0, colon))) {
                throw new BadRequest(400, "Bad header line");
            }
            headers.add(h.substring(0, colon), h.substring(colon + 1).strip());
        }
        return new Head(parts[0], uri, version, headers);
    }

    /** A line ending in CRLF (or LF), ISO-8859-1; a CR elsewhere or a control character is 400. */
    static String readLine(InputStream in, int max, int tooLong, String tooLongText) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the request head");
            }
            if (b == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') {
                    sb.setLength(n - 1);
                }
                return sb.toString();
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
                throw new BadRequest(400, "Bad line ending");
            }
            if ((b < 0x20 && b != '\t' && b != '\r') || b == 0x7f) {
                throw new BadRequest(400, "Bad character in request");
            }
            if (sb.length() >= max) {
                throw new BadRequest(tooLong, tooLongText);
            }
            sb.append((char) b);
        }
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** A plain-text answer that closes the connection (for requests that never reach a handler). */
    static void writeSimple(OutputStream out, int status, String text) throws IOException {
        byte[] body = (status + " " + Http11Exchange.reason(status) + "\n\n" + text + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + Http11Exchange.reason(status) + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** Marks each socket write so that the watchdog can close a connection whose client stopped reading. */
    private static final class Watched extends OutputStream {
        private final OutputStream out;
        private final Conn conn;

        Watched(OutputStream out, Conn conn) {
            this.out = out;
            this.conn = conn;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            conn.stalledSince = System.nanoTime();
            try {
                out.write(b, off, len);
            } finally {
                conn.stalledSince = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
