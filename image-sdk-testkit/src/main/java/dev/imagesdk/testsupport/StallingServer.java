package dev.imagesdk.testsupport;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that answers every request with {@code head} (status line, headers, the start of a body) and then
 * holds the connection open without another byte: a stalled or endless body.
 */
public final class StallingServer implements AutoCloseable {
    private final java.net.ServerSocket socket;
    private final List<java.net.Socket> open = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    public StallingServer(byte[] head) throws java.io.IOException {
        socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    java.net.Socket c = socket.accept();
                    open.add(c);
                    var in = c.getInputStream();
                    int matched = 0;
                    while (matched < 4) { // the request head ends with CRLF CRLF; a GET has no body
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
                    }
                    requests.incrementAndGet();
                    c.getOutputStream().write(head);
                    c.getOutputStream().flush();
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        }, "stalling-server");
        t.setDaemon(true);
        t.start();
    }

    /** The URL of {@code path} on this server. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** Requests answered so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() throws java.io.IOException {
        socket.close();
        for (java.net.Socket c : open) {
            c.close();
        }
    }
}
