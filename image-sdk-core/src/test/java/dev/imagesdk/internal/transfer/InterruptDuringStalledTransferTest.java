package dev.imagesdk.internal.transfer;

import dev.imagesdk.ImageData;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.testsupport.StallingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, item 8: {@code Thread.interrupt()} was ignored while a transfer was blocked on a stalled server
 * (a download ended after 59 s and an upload after 74 s, by the idle timeout). An interrupt must end the
 * transfer promptly with an interruption error, the flag still set and no file left at the target. The idle
 * timeout here is 60 s, so an end within 10 s can only come from the interrupt.
 */
class InterruptDuringStalledTransferTest {

    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final long BOUND_MS = 10_000;

    private final TransferEngine engine = new TransferEngine(TransferConfig.builder().idleTimeout(IDLE).build());
    private StallingServer server;

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws IOException {
        engine.close();
        if (server != null) {
            server.close();
        }
    }

    /** What the transfer thread ended with. */
    private record Ending(Throwable failure, boolean interruptedAfter, long millis) {
    }

    /**
     * Whether a thread of the transfer (the caller's, or the engine's worker that writes an upload) is blocked
     * in a socket read or write (in the JDK's socket implementation, where an interrupt alone does nothing). A
     * write seen there may still be about to return, but the server reads nothing more, so it soon blocks for good.
     */
    private static boolean blockedInSocketIo(Thread caller) {
        if (inSocketIo(caller.getStackTrace())) { // a virtual caller is not among getAllStackTraces()
            return true;
        }
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey().getName().startsWith("image-sdk-transfer-") && inSocketIo(e.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean inSocketIo(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            // a read or write with a timeout parks; a write without one blocks in the native write
            if (frame.getClassName().equals("sun.nio.ch.NioSocketImpl")
                    && (frame.getMethodName().equals("park") || frame.getMethodName().equals("implWrite"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code transfer} on its own thread, interrupts it once it is blocked on the stalled server, waits for its end. */
    private Ending interruptOnceRequested(Supplier<Object> transfer) throws Exception {
        return interruptOnceRequested(transfer, false);
    }

    /** As above, on a virtual thread ({@code Thread.ofVirtual()}, JDK 21+) if {@code virtual}. */
    private Ending interruptOnceRequested(Supplier<Object> transfer, boolean virtual) throws Exception {
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        long[] interruptedAt = new long[1];
        Runnable body = () -> {
            Throwable failure = null;
            try {
                transfer.get();
            } catch (Throwable e) {
                failure = e;
            }
            ending.complete(new Ending(failure, Thread.currentThread().isInterrupted(),
                    (System.nanoTime() - interruptedAt[0]) / 1_000_000));
        };
        Thread t;
        if (virtual) {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            t = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class)
                    .invoke(builder, body);
        } else {
            t = new Thread(body, "transfer-under-test");
        }
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean blocked = false;
        while (!blocked && System.nanoTime() < deadline) {
            blocked = server.requests() > 0 && blockedInSocketIo(t);
            if (!blocked) {
                Thread.onSpinWait();
            }
        }
        assertThat(blocked).as("the transfer is blocked on the stalled server").isTrue();
        interruptedAt[0] = System.nanoTime();
        t.interrupt();
        try {
            return ending.get(BOUND_MS + 5_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            Thread.getAllStackTraces().forEach((th, st) -> {
                if (th == t || th.getName().startsWith("image-sdk")) {
                    System.out.println("STACK " + th.getName() + " " + java.util.Arrays.toString(st));
                }
            });
            throw e;
        }
    }

    private StreamingImageDownload download() throws Exception {
        java.net.URL url = server.url("/v2/images/img-1/file").toURL();
        return engine.newDownload("img-1", () -> new DownloadMetadata(Optional.empty(), 10_000_000),
                () -> new DataRequest(url, Map.of()), h -> Optional.empty(),
                ErrorStatusMapper.BASIC);
    }

    private void assertInterruptedPromptly(Ending ending) {
        System.out.println("INTERRUPT-END ms=" + ending.millis() + " failure=" + ending.failure());
        assertThat(ending.failure()).isInstanceOf(ImageSdkException.class).hasMessageContaining("interrupted");
        assertThat(ending.interruptedAfter()).as("interrupt flag still set").isTrue();
        assertThat(ending.millis()).as("ms from interrupt to end (idle timeout 60 s)").isLessThan(BOUND_MS);
    }

    private void assertNothingAtTheTarget() throws IOException {
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void interruptEndsADownloadStalledMidBodyPromptlyAndLeavesNoFile() throws Exception {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 10000000\r\n\r\n"
                + "x".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        server = new StallingServer(head);
        StreamingImageDownload download = download();

        Ending ending = interruptOnceRequested(() -> download.toPath(dir.resolve("image.raw")));

        assertInterruptedPromptly(ending);
        assertNothingAtTheTarget();
        assertThat(server.requests()).as("no resume after the interrupt").isEqualTo(1);
    }

    @Test
    void interruptEndsAnOpenStreamReadBlockedOnAStalledServerPromptly() throws Exception {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 10000000\r\n\r\n"
                + "x".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        server = new StallingServer(head);
        StreamingImageDownload download = download();
        long[] readBeforeTheStall = new long[1];

        Ending ending = interruptOnceRequested(() -> {
            InputStream in = download.openStream(); // the caller reads on its own thread
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    readBeforeTheStall[0] += n;
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });

        assertInterruptedPromptly(ending);
        assertThat(readBeforeTheStall[0]).as("the bytes sent before the stall were delivered").isEqualTo(5000);
        assertThat(server.requests()).as("no resume after the interrupt").isEqualTo(1);
    }

    @Test
    void interruptEndsAnOpenStreamReadBlockedOnAStalledServerPromptlyOnAVirtualThread() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads: JDK 21+");
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 10000000\r\n\r\n"
                + "x".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        server = new StallingServer(head);
        StreamingImageDownload download = download();

        Ending ending = interruptOnceRequested(() -> {
            try (InputStream in = download.openStream()) { // read directly: the JDK ends a virtual thread's read
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        }, true);

        assertInterruptedPromptly(ending);
        assertThat(server.requests()).as("no resume after the interrupt").isEqualTo(1);
    }

    @Test
    void interruptEndsADownloadStalledBeforeTheStatusLinePromptly() throws Exception {
        server = new StallingServer(new byte[0]);
        StreamingImageDownload download = download();

        Ending ending = interruptOnceRequested(() -> download.toPath(dir.resolve("image.raw")));

        assertInterruptedPromptly(ending);
        assertNothingAtTheTarget();
    }

    @Test
    void interruptEndsAnUploadTheServerStoppedReadingPromptly() throws Exception {
        server = new StallingServer(new byte[0]); // reads the request head, then never another byte
        long length = 1L << 32; // far more than the socket buffers take: the write blocks
        ImageData endless = ImageData.fromSupplier(() -> new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len; // zeros, as fast as asked
            }
        }, length);
        UploadCall upload = engine.newUpload(new UploadRequest("PUT", server.url("/v2/images/img-1/file").toURL(),
                Map.of("Content-Type", "application/octet-stream"), endless), TransferListener.NONE);

        Ending ending = interruptOnceRequested(upload::execute);

        assertInterruptedPromptly(ending);
    }
}
