package dev.imagesdk.v1.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.exception.ServiceUnavailableException;
import dev.imagesdk.exception.TransportException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A service that answers 503 as soon as the request headers arrive and closes the connection while the body
 * is still being written: the upload fails with the real status if the client can read it, else with a
 * {@link TransportException} that says the body was rejected, never with a bare JDK message; a one-shot
 * source is sent at most once (an answer given instead of {@code 100 Continue} leaves it unread, so it may be
 * tried again).
 */
class V1EarlyRejectTest {

    @Test
    void earlyRejectionOfTheBodyIsReportedAsTheStatusOrAsARejectedBody() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        Throwable failure;
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> serve(server, connections));
            t.setDaemon(true);
            t.start();
            byte[] data = new byte[16 * 1024 * 1024];
            try (V1ImageService images = V1TestServices.on("http://127.0.0.1:" + server.getLocalPort(), "tok")) {
                failure = catchThrowable(() -> images.upload("img-1",
                        ImageData.fromStream(new ByteArrayInputStream(data), data.length), null));

                assertThat(failure).isNotNull();
                if (!(failure instanceof ServiceUnavailableException)) {
                    assertThat(failure).isInstanceOf(TransportException.class)
                            .hasMessageContaining("rejected the request body");
                }
            }
            // Answered instead of 100 Continue: no body byte was sent, so the unread stream may go again (4
            // attempts by default); answered mid-body: sent once.
            assertThat(connections.get()).isBetween(1, 4);
            if (failure instanceof ServiceUnavailableException) {
                assertThat(connections.get()).isEqualTo(4);
            }
        }
    }

    private static void serve(ServerSocket server, AtomicInteger connections) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                InputStream in = s.getInputStream();
                int matched = 0;
                byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                while (matched < end.length) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
                }
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n"
                        + "Connection: close\r\n\r\nbusy").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                s.setSoLinger(true, 0); // reset: the unread body must not be drained
            } catch (Exception e) {
                return;
            }
        }
    }
}
