package dev.imagesdk.internal.transfer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HTTP server on 127.0.0.1 with an ephemeral port, recording each request's method and headers. */
final class LoopbackServer implements AutoCloseable {

    interface Handler {
        void handle(HttpExchange exchange, int requestIndex) throws IOException;
    }

    record Seen(String method, String path, String range, String contentLength, String transferEncoding,
                String token) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<Seen> requests = new CopyOnWriteArrayList<>();
    /** Released on close: handlers that stall wait on it. */
    final CountDownLatch release = new CountDownLatch(1);

    LoopbackServer(Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            int index;
            synchronized (requests) {
                index = requests.size();
                requests.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Range"),
                        exchange.getRequestHeaders().getFirst("Content-Length"),
                        exchange.getRequestHeaders().getFirst("Transfer-Encoding"),
                        exchange.getRequestHeaders().getFirst("X-Auth-Token")));
            }
            try {
                handler.handle(exchange, index);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    URL url(String path) {
        try {
            return new URL("http://127.0.0.1:" + server.getAddress().getPort() + path);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Blocks the calling handler until the test ends. */
    void stall() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
