package dev.imagesdk.internal.transfer;

import dev.imagesdk.testsupport.memory.GeneratedBytes;
import dev.imagesdk.testsupport.memory.HeapSampler;
import com.sun.net.httpserver.HttpServer;
import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageData;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Run in a JVM with a small heap by {@link LargeTransferMemoryTest}: uploads {@code args[0]} generated
 * bytes to a loopback server that counts and discards them, checking the upload's MD5 and SHA-512 against
 * {@code args[1]} and {@code args[2]} (computed independently with md5sum/sha512sum), then downloads the
 * same bytes verifying the SHA-256 in {@code args[3]} (sha256sum; the fastest Glance algorithm keeps the run
 * short, the path is the same for all). Prints one {@code RESULT} line; exits 1 on any failure.
 */
public final class LargeTransferMemoryCheck {

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        String expectedMd5 = args[1];
        String expectedSha512 = args[2];
        String expectedSha256 = args[3];
        CompletableFuture<Long> serverBytes = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ExecutorService serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/upload", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                }
                serverBytes.complete(total);
                exchange.sendResponseHeaders(204, -1);
            } catch (Exception e) {
                serverBytes.completeExceptionally(e);
            } finally {
                exchange.close();
            }
        });
        server.createContext("/download", exchange -> {
            try (InputStream in = new GeneratedBytes(size); OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, size);
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
        HeapSampler heap = HeapSampler.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try (TransferEngine engine = new TransferEngine(TransferConfig.defaults())) {
            long t0 = System.nanoTime();
            UploadResponse up = engine.newUpload(new UploadRequest("PUT", new URL(base + "/upload"), Map.of(),
                    ImageData.fromSupplier(() -> new GeneratedBytes(size), size)), null).execute();
            long t1 = System.nanoTime();
            check(up.status() == 204, "upload status " + up.status());
            check(up.hashes().bytes() == size, "client hashed " + up.hashes().bytes());
            check(serverBytes.get(1, TimeUnit.MINUTES) == size, "server received " + serverBytes.get());
            check(up.hashes().md5().equals(expectedMd5), "upload md5 " + up.hashes().md5());
            check(up.hashes().sha512().equals(expectedSha512), "upload sha512 " + up.hashes().sha512());

            DownloadMetadata meta = new DownloadMetadata(
                    Optional.of(new ExpectedChecksum("sha256", expectedSha256, "sha256sum")), size);
            DownloadResult down = engine.newDownload("generated", () -> meta,
                    () -> new DataRequest(urlOf(base + "/download"), Map.of()), h -> Optional.empty(),
                    ErrorStatusMapper.BASIC).toOutputStream(OutputStream.nullOutputStream());
            long t2 = System.nanoTime();
            check(down.bytes() == size, "downloaded " + down.bytes());
            check(down.algorithm().equals("sha256") && down.digest().equals(expectedSha256),
                    "download " + down.algorithm() + " " + down.digest());
            System.out.printf("RESULT ok bytes=%d md5=%s sha512=%s sha256=%s maxHeapMiB=%d peakHeapUsedMiB=%d"
                            + " uploadMiBps=%.0f downloadMiBps=%.0f%n",
                    size, up.hashes().md5(), up.hashes().sha512(), down.digest(),
                    Runtime.getRuntime().maxMemory() >> 20, heap.peakMiB(),
                    mibps(size, t1 - t0), mibps(size, t2 - t1));
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    private static URL urlOf(String s) {
        try {
            return new URL(s);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double mibps(long bytes, long nanos) {
        return bytes / 1048576.0 / (nanos / 1e9);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
