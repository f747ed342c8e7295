package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.DownloadResult;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.BadRequestException;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ForbiddenException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.ServiceUnavailableException;
import dev.imagesdk.exception.TransportException;
import dev.imagesdk.model.Image;
import feign.Feign;
import feign.FeignException;
import feign.Retryer;
import feign.http2client.Http2Client;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Test-only wiring of {@link V2ImageService} until the core transport lands: Feign on the JDK client, a
 * simple error mapper, a runner that retries 503 a few times, and a minimal hashing upload over HttpClient.
 */
final class TestWiring {
    static final String TOKEN = "gAAAAABrA0Sm-test-token";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestWiring() {
    }

    static ImageServiceException mapError(int status, Map<String, List<String>> headers, byte[] body) {
        String message = "";
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.has("message")) {
                message = n.get("message").asText();
            }
        } catch (IOException e) {
            message = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
        String rid = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("x-openstack-request-id"))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        switch (status) {
            case 400: return new BadRequestException(message, rid);
            case 403: return new ForbiddenException(message, rid);
            case 404: return new NotFoundException(message, rid);
            case 409: return new ConflictException(message, rid);
            case 503: return new ServiceUnavailableException(message, rid);
            default: return new ImageServiceException(status, message, rid);
        }
    }

    /** The lean GET of image and list-page calls, on the same client as {@link #api}. */
    static dev.imagesdk.internal.http.JsonGet gets() {
        return new dev.imagesdk.internal.http.JsonGet(HTTP, TestWiring::mapError, new dev.imagesdk.internal.http.WireLogger(),
                dev.imagesdk.internal.http.RequestDecoration.builder().userAgent("image-sdk/test").build(),
                java.time.Duration.ofSeconds(30));
    }

    static GlanceV2Api api(String endpointRoot) {
        return Feign.builder()
                .client(new Http2Client(HTTP))
                .encoder(new JacksonEncoder(JSON))
                .decoder(new JacksonDecoder(JSON))
                .retryer(Retryer.NEVER_RETRY)
                .errorDecoder((key, response) -> {
                    byte[] body;
                    try {
                        body = response.body() == null ? new byte[0] : response.body().asInputStream().readAllBytes();
                    } catch (IOException e) {
                        body = new byte[0];
                    }
                    Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    response.headers().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
                    return mapError(response.status(), headers, body);
                })
                .target(GlanceV2Api.class, endpointRoot);
    }

    /** Retries retryable service errors up to three attempts; counts attempts. */
    static final class Runner implements CallRunner {
        final List<String> calls = new ArrayList<>();

        @Override
        public <T> T run(String name, String method, boolean idempotent, Attempt<T> attempt) {
            calls.add(name);
            RuntimeException last = null;
            for (int i = 0; i < 3; i++) {
                try {
                    return attempt.run(TOKEN);
                } catch (ImageServiceException e) {
                    if (!e.isRetryable() || !idempotent) {
                        throw e;
                    }
                    last = e;
                } catch (RuntimeException e) {
                    if (e instanceof FeignException && e.getCause() instanceof IOException) {
                        throw new TransportException(name + " failed", e.getCause());
                    }
                    throw e;
                } catch (Exception e) {
                    throw new ImageSdkClientException(name + " failed: " + e, e);
                }
            }
            throw last;
        }
    }

    /** Uploads with HttpClient, hashing what it sends; downloads are out of scope of these tests. */
    static final class Transfer implements DataTransfer {
        private final String root;
        final List<Map<String, String>> headersSent = new ArrayList<>();

        Transfer(String root) {
            this.root = root;
        }

        /** Resends the transport reports per call before its single real request (as the executor's would). */
        int resendsPerCall;

        @Override
        public UploadHashes upload(String operation, String path, Map<String, String> headers, ImageData data,
                                   TransferListener listener, Runnable onAttempt) {
            for (int i = 0; i <= resendsPerCall; i++) {
                onAttempt.run();
            }
            return upload(operation, path, headers, data, listener);
        }

        @Override
        public UploadHashes upload(String operation, String path, Map<String, String> headers, ImageData data,
                                   TransferListener listener) {
            try (InputStream in = data.open()) {
                byte[] bytes = in.readAllBytes();
                HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(root + path))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .header("X-Auth-Token", TOKEN).header("Content-Type", "application/octet-stream");
                headers.forEach((k, v) -> {
                    if (!k.equalsIgnoreCase("content-length")) {
                        rb.header(k, v);
                    }
                });
                headersSent.add(headers);
                HttpResponse<byte[]> r = HTTP.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() >= 300) {
                    throw mapError(r.statusCode(), r.headers().map(), r.body());
                }
                listener.onProgress(bytes.length, bytes.length);
                return new UploadHashes(hex("MD5", bytes), hex("SHA-512", bytes), bytes.length);
            } catch (IOException e) {
                throw new TransportException(operation + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(operation + " interrupted", e);
            }
        }

        @Override
        public ImageDownload download(String imageId, Supplier<Image> metadata) {
            return new ImageDownload() {
                @Override
                public ImageDownload listener(TransferListener listener) {
                    return this;
                }

                @Override
                public DownloadResult toPath(Path target) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public DownloadResult toOutputStream(OutputStream out) {
                    Image image = metadata.get();
                    return new DownloadResult(image.id(), 0, "none", "", 0);
                }

                @Override
                public InputStream openStream() {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
