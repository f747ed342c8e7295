package dev.imagesdk.internal.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.ImageData;
import dev.imagesdk.TransferListener;
import dev.imagesdk.auth.ServiceCatalog;
import dev.imagesdk.auth.Token;
import dev.imagesdk.exception.ServiceUnavailableException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.internal.auth.KeystoneTokenProvider;
import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.internal.http.ErrorMapper;
import dev.imagesdk.internal.retry.RetryPolicy;
import dev.imagesdk.testsupport.MutableClock;
import dev.imagesdk.testsupport.RecordingSleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16, item 9: "a 503 arriving mid-body surfaces as TransportException and loses its Retry-After". A raw
 * HTTP/1.1 server on 127.0.0.1 answers an upload with {@code 503} and {@code Retry-After: 7} at three points:
 * instead of {@code 100 Continue} (what a proxy without a backend or Glance's auth middleware does: the upload
 * now sends {@code Expect: 100-continue}), after reading part of the body and draining the rest (a lingering
 * close, as nginx does), and after reading part of the body and closing at once (the kernel then resets the
 * connection). The first two keep the status and its {@code Retry-After}; the last cannot be read through
 * {@link java.net.HttpURLConnection} (measured: its streaming mode refuses to read a response once a body write
 * failed, although the answer is in the socket's receive buffer) and stays a {@link TransportException} that
 * says what most likely happened.
 */
class ServiceUnavailableDuringUploadTest {

    private static final long LARGE = 64L << 20;
    private static final String UNAVAILABLE = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 11\r\nConnection: close\r\n\r\nunavailable";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T18:00:00Z"));
    private final KeystoneTokenProvider tokens = new KeystoneTokenProvider(
            () -> new Token("token-1", clock.instant().plusSeconds(3600), ServiceCatalog.EMPTY, null), clock,
            Duration.ofSeconds(120));
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final DataTransport transport = new DataTransport(new TransferEngine(TransferConfig.defaults()),
            new CallExecutor(tokens, RetryPolicy.defaults(), sleeper), tokens,
            new ErrorMapper(new ObjectMapper(), clock)::map, Duration.ofMinutes(10));
    private RawServer server;

    @AfterEach
    void tearDown() throws IOException {
        transport.close();
        if (server != null) {
            server.close();
        }
    }

    /** What the server does with one connection, given its index (0 for the first). */
    @FunctionalInterface
    private interface Script {
        void serve(int index, String head, InputStream in, OutputStream out, Socket socket) throws IOException;
    }

    /** A one-connection-at-a-time HTTP/1.1 server on 127.0.0.1 that records each request head. */
    private static final class RawServer implements AutoCloseable {
        final ServerSocket socket;
        final List<String> heads = new CopyOnWriteArrayList<>();
        final List<Long> bodyBytesRead = new CopyOnWriteArrayList<>();

        RawServer(Script script) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread t = new Thread(() -> {
                AtomicInteger index = new AtomicInteger();
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        s.setSoTimeout(30_000);
                        String head = readHead(s.getInputStream());
                        heads.add(head);
                        script.serve(index.getAndIncrement(), head, s.getInputStream(), s.getOutputStream(), s);
                    } catch (IOException e) {
                        // the next connection, or closed
                    }
                }
            }, "raw-glance");
            t.setDaemon(true);
            t.start();
        }

        URL url() throws IOException {
            return new URL("http://127.0.0.1:" + socket.getLocalPort() + "/v2/images/img-1/file");
        }

        static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("no request head");
                }
                head.append((char) c);
            }
            return head.toString();
        }

        /** Reads up to {@code n} body bytes, recording how many; -1 reads to the end of the stream. */
        long read(InputStream in, long n) {
            byte[] buffer = new byte[64 * 1024];
            long got = 0;
            try {
                while (n < 0 || got < n) {
                    int r = in.read(buffer, 0, (int) (n < 0 ? buffer.length : Math.min(buffer.length, n - got)));
                    if (r < 0) {
                        break;
                    }
                    got += r;
                }
            } catch (IOException e) {
                // the client went away
            }
            bodyBytesRead.add(got);
            return got;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static boolean expectsContinue(String head) {
        return head.toLowerCase(Locale.ROOT).contains("expect: 100-continue");
    }

    private static void sendContinue(String head, OutputStream out) throws IOException {
        if (expectsContinue(head)) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static void send(OutputStream out, String response) throws IOException {
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private Object upload(ImageData data) throws IOException {
        return transport.upload("upload image data", "PUT", server.url(),
                Map.of("Content-Type", "application/octet-stream"), data, TransferListener.NONE);
    }

    /** A one-shot stream of {@code length} zeros that counts what was read from it. */
    private static InputStream zeros(long length, AtomicInteger opened) {
        opened.incrementAndGet();
        return new InputStream() {
            long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                left -= n;
                return n;
            }
        };
    }

    @Test
    void a503AnsweredInsteadOf100ContinueKeepsItsRetryAfterAndAReplayableUploadIsResentAfterIt() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        server = new RawServer((index, head, in, out, socket) -> {
            if (index == 0) {
                send(out, UNAVAILABLE); // instead of 100 Continue: no body byte was asked for
                return;
            }
            sendContinue(head, out);
            server.read(in, LARGE);
            send(out, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        });

        upload(ImageData.fromSupplier(() -> zeros(LARGE, opened), LARGE));

        assertThat(server.heads).hasSize(2).allSatisfy(head -> assertThat(expectsContinue(head)).isTrue());
        assertThat(sleeper.waits()).as("the retry waited as the service asked").containsExactly(Duration.ofSeconds(7));
        assertThat(server.bodyBytesRead).as("the first attempt sent no body byte").containsExactly(LARGE);
        assertThat(opened).as("the source was opened once: only for the attempt that sent it").hasValue(1);
    }

    @Test
    void a503AnsweredInsteadOf100ContinueIsThrownWithItsRetryAfterOnceTheAttemptsAreSpent() throws Exception {
        server = new RawServer((index, head, in, out, socket) -> send(out, UNAVAILABLE));
        AtomicInteger opened = new AtomicInteger();

        assertThatThrownBy(() -> upload(ImageData.fromStream(zeros(LARGE, opened), LARGE)))
                .isInstanceOfSatisfying(ServiceUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        // A one-shot stream that was never read is not used up: each attempt was sent (4 by default).
        assertThat(server.heads).hasSize(4);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(7));
    }

    @Test
    void a503SentMidBodyByAServerThatDrainsTheRestKeepsItsRetryAfterAndAOneShotBodyIsNotResent() throws Exception {
        server = new RawServer((index, head, in, out, socket) -> {
            sendContinue(head, out);
            server.read(in, 1 << 20);
            send(out, UNAVAILABLE);
            socket.shutdownOutput(); // a lingering close: the rest of the body is read and dropped
            server.read(in, -1);
        });
        AtomicInteger opened = new AtomicInteger();

        assertThatThrownBy(() -> upload(ImageData.fromStream(zeros(LARGE, opened), LARGE)))
                .isInstanceOfSatisfying(ServiceUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThat(server.heads).as("body bytes went out: not resent").hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void a503SentMidBodyByAServerThatClosesAtOnceIsATransportErrorSayingSoAndIsNotResent() throws Exception {
        server = new RawServer((index, head, in, out, socket) -> {
            sendContinue(head, out);
            server.read(in, 1 << 20);
            send(out, UNAVAILABLE); // then closed with unread body bytes: the client's next write is reset
        });

        assertThatThrownBy(() -> upload(ImageData.fromBytes(new byte[(int) (LARGE / 4)])))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("closed the connection while the body was being sent")
                .hasMessageContaining("503");
        assertThat(server.heads).as("body bytes went out: not resent by the transport").hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aSmallUploadIsSentWithoutWaitingFor100Continue() throws Exception {
        server = new RawServer((index, head, in, out, socket) -> {
            server.read(in, 1000); // never sends 100 Continue: a client waiting for it would stall here
            send(out, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        });

        upload(ImageData.fromStream(new ByteArrayInputStream(new byte[1000]), 1000));

        assertThat(expectsContinue(server.heads.get(0))).isFalse();
        assertThat(server.bodyBytesRead).containsExactly(1000L);
    }
}
