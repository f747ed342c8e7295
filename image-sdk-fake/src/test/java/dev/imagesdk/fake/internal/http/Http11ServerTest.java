package dev.imagesdk.fake.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connection layer on its own, with handlers that misbehave. */
class Http11ServerTest {

    private static Http11Server server(Duration timeout, Http11Server.Handler h) throws IOException {
        Http11Server s = new Http11Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16,
                new Http11Server.Settings(timeout, timeout, 100), h);
        s.start();
        return s;
    }

    private static String answer(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void stackOverflowErrorInAHandlerIsAnswered500AndTheConnectionClosed() throws Exception {
        try (Http11Server s = server(Duration.ofSeconds(30), ex -> {
            throw new StackOverflowError("deep");
        })) {
            // readAllBytes returns only because the server closes the connection after its answer
            String a = answer(s.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(a).startsWith("HTTP/1.1 500 ").contains("Connection: close");
        }
    }

    @Test
    void handlerFailingAfterTheStatusLineClosesTheConnection() throws Exception {
        try (Http11Server s = server(Duration.ofSeconds(30), ex -> {
            ex.sendResponseHeaders(200, 10);
            ex.getResponseBody().write("abc".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("half way");
        })) {
            String a = answer(s.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(a).startsWith("HTTP/1.1 200 ").endsWith("abc");
        }
    }

    @Test
    void clientThatStopsReadingAResponseIsClosedAfterTheTimeout() throws Exception {
        byte[] big = new byte[64 * 1024 * 1024];
        try (Http11Server s = server(Duration.ofMillis(300), ex -> {
            ex.sendResponseHeaders(200, big.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(big);
            }
        }); Socket c = new Socket(InetAddress.getLoopbackAddress(), s.port())) {
            c.setReceiveBufferSize(4096);
            c.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            c.setSoTimeout(20_000);
            InputStream in = c.getInputStream();
            in.readNBytes(1024);
            // stop reading: the server's write stalls, its watchdog must close the connection
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (s.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(s.openConnections()).isZero();
        }
    }

    @Test
    void garbageRequestLineIs400() throws Exception {
        try (Http11Server s = server(Duration.ofSeconds(30), ex -> ex.sendResponseHeaders(200, -1))) {
            assertThat(answer(s.port(), "\u0001\u0002garbage\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(answer(s.port(), "GET / HTTP/1.1\r\nNoColonHere\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(answer(s.port(), "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(answer(s.port(), "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 414 ");
        }
    }
}
