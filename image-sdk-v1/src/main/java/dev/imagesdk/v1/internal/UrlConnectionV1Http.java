package dev.imagesdk.v1.internal;

import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.internal.transfer.ErrorStatusMapper;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.TransportException;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URL;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@link V1Http} over {@link HttpURLConnection}: fixed-length streaming when the data's length is known,
 * else chunked; 64 KiB buffers; hashing on the calling thread; no retries. The production binding
 * ({@link ContextV1Http}) uses it for metadata calls only, with an explicit token per attempt, and the
 * core's streaming engine for data; on its own (a static token, tests) it serves every call.
 */
final class UrlConnectionV1Http implements V1Http {

    static final String TOKEN_HEADER = "X-Auth-Token";
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final String root;
    private final Supplier<String> token;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final SSLSocketFactory sslSocketFactory;
    private final HostnameVerifier hostnameVerifier;
    private final ErrorStatusMapper errors;
    private final ProxySelector proxySelector;

    /**
     * @param v1Root the v1 root, e.g. {@code https://glance:9292/v1} (or {@code .../v1.0} as HP Cloud had it)
     * @param token supplies the token for each request; null or a null token sends none
     */
    UrlConnectionV1Http(URI v1Root, Supplier<String> token, Duration connectTimeout, Duration readTimeout) {
        this(v1Root, token, connectTimeout, readTimeout, null, null, null, V1Errors::map);
    }

    /**
     * @param sslSocketFactory for https, or null for the JVM default
     * @param hostnameVerifier for https, or null for the JVM default
     * @param proxySelector chooses the proxy per URL, or null for the JVM default
     * @param errors maps error statuses to typed exceptions
     */
    UrlConnectionV1Http(URI v1Root, Supplier<String> token, Duration connectTimeout, Duration readTimeout,
                        SSLSocketFactory sslSocketFactory, HostnameVerifier hostnameVerifier,
                        ProxySelector proxySelector, ErrorStatusMapper errors) {
        String r = Objects.requireNonNull(v1Root, "v1Root").toString();
        this.root = r.endsWith("/") ? r : r + "/";
        this.token = token;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.sslSocketFactory = sslSocketFactory;
        this.hostnameVerifier = hostnameVerifier;
        this.errors = errors;
        this.proxySelector = proxySelector;
    }

    /** The absolute URL of a request. */
    URL url(V1Request request) {
        try {
            return URI.create(root + request.path()).toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new TransportException("Could not form the URL of " + request + ": " + e.getMessage(), e);
        }
    }

    private String currentToken() {
        return token == null ? null : token.get();
    }

    @Override
    public V1Response send(V1Request request) {
        return send(request, currentToken());
    }

    /** One metadata exchange with an explicit token (null for none). */
    V1Response send(V1Request request, String tokenOrNull) {
        HttpURLConnection c = connect(request, tokenOrNull);
        try {
            if (request.body() != null) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(request.body().length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(request.body());
                }
            } else if (request.method().equals("POST") || request.method().equals("PUT")) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(0);
                c.getOutputStream().close();
            }
            int status = c.getResponseCode();
            Map<String, List<String>> headers = headers(c);
            byte[] body = request.method().equals("HEAD") ? new byte[0] : readBody(c, status);
            if (status >= 400) {
                throw errors.map(status, headers, body);
            }
            return new V1Response(status, headers, body);
        } catch (IOException e) {
            throw new TransportException(request + " failed: " + e.getMessage(), e);
        } finally {
            c.disconnect();
        }
    }

    @Override
    public Upload upload(V1Request request, ImageData data, TransferListener listener) {
        HttpURLConnection c = connect(request, currentToken());
        MessageDigest md5 = digest("MD5");
        MessageDigest sha512 = digest("SHA-512");
        long total = data.length().orElse(-1);
        long sent = 0;
        try {
            c.setDoOutput(true);
            if (total >= 0) {
                c.setFixedLengthStreamingMode(total);
            } else {
                c.setChunkedStreamingMode(BUFFER);
            }
            IOException writeFailure = null;
            try (InputStream in = data.open()) {
                OutputStream out = c.getOutputStream();
                byte[] buf = new byte[BUFFER];
                int n;
                while (true) {
                    try {
                        n = in.read(buf);
                    } catch (IOException e) {
                        throw new ImageSdkClientException("Reading the image data failed: " + e.getMessage(), e);
                    }
                    if (n < 0) {
                        break;
                    }
                    if (total >= 0 && sent + n > total) {
                        throw new ImageSdkClientException("The image data has more than the " + total
                                + " bytes announced (did the file change?); nothing more is sent");
                    }
                    md5.update(buf, 0, n);
                    sha512.update(buf, 0, n);
                    out.write(buf, 0, n);
                    sent += n;
                    progress(listener, sent, total);
                }
                if (total >= 0 && sent != total) {
                    throw new ImageSdkClientException("The image data had " + sent + " bytes, not the " + total
                            + " announced");
                }
                out.close();
            } catch (IOException e) {
                // The service may have answered early (e.g. 413, 401) and closed: prefer its status.
                writeFailure = e;
            }
            int status;
            try {
                status = c.getResponseCode();
            } catch (IOException e) {
                IOException cause = writeFailure != null ? writeFailure : e;
                throw new TransportException(request + " failed after " + sent + " bytes: " + cause.getMessage(), cause);
            }
            Map<String, List<String>> headers = headers(c);
            byte[] body = readBody(c, status);
            if (status >= 400) {
                throw errors.map(status, headers, body);
            }
            if (writeFailure != null) {
                throw new TransportException(request + " failed after " + sent + " bytes: " + writeFailure.getMessage(),
                        writeFailure);
            }
            progress(listener, sent, total);
            HexFormat hex = HexFormat.of();
            return new Upload(new V1Response(status, headers, body), sent, hex.formatHex(md5.digest()),
                    hex.formatHex(sha512.digest()));
        } catch (IOException e) {
            throw new TransportException(request + " failed after " + sent + " bytes: " + e.getMessage(), e);
        } finally {
            c.disconnect();
        }
    }

    @Override
    public ImageDownload download(String imageId, V1Request request) {
        return new V1Download(imageId, () -> open(request));
    }

    /** Opens a data response; the caller closes its body. */
    DataResponse open(V1Request request) {
        HttpURLConnection c = connect(request, currentToken());
        try {
            int status = c.getResponseCode();
            Map<String, List<String>> headers = headers(c);
            if (status >= 400) {
                byte[] body = readBody(c, status);
                c.disconnect();
                throw errors.map(status, headers, body);
            }
            InputStream in = c.getInputStream();
            return new DataResponse(status, headers, new FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        c.disconnect();
                    }
                }
            });
        } catch (IOException e) {
            c.disconnect();
            throw new TransportException(request + " failed: " + e.getMessage(), e);
        } catch (ImageSdkException e) {
            c.disconnect();
            throw e;
        }
    }

    @Override
    public void close() {
        // HttpURLConnection keeps its pool JVM-wide; nothing of ours to release.
    }

    private HttpURLConnection connect(V1Request request, String tokenOrNull) {
        URL url = url(request);
        try {
            HttpURLConnection c = (HttpURLConnection) (proxySelector == null ? url.openConnection()
                    : url.openConnection(proxyFor(url)));
            if (c instanceof HttpsURLConnection https) {
                if (sslSocketFactory != null) {
                    https.setSSLSocketFactory(sslSocketFactory);
                }
                if (hostnameVerifier != null) {
                    https.setHostnameVerifier(hostnameVerifier);
                }
            }
            c.setRequestMethod(request.method());
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setConnectTimeout((int) connectTimeout.toMillis());
            c.setReadTimeout((int) readTimeout.toMillis());
            if (tokenOrNull != null) {
                c.setRequestProperty(TOKEN_HEADER, tokenOrNull);
            }
            request.headers().forEach(c::setRequestProperty);
            return c;
        } catch (IOException e) {
            throw new TransportException("Could not open " + request + ": " + e.getMessage(), e);
        }
    }

    private Proxy proxyFor(URL url) {
        try {
            List<Proxy> proxies = proxySelector.select(url.toURI());
            return proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return Proxy.NO_PROXY;
        }
    }

    private static void progress(TransferListener listener, long done, long total) {
        try {
            listener.onProgress(done, total);
        } catch (RuntimeException e) {
            throw new ImageSdkClientException("The transfer listener failed: " + e, e);
        }
    }

    private static Map<String, List<String>> headers(HttpURLConnection c) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        c.getHeaderFields().forEach((k, v) -> {
            if (k != null) {
                h.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v);
            }
        });
        return h;
    }

    private static byte[] readBody(HttpURLConnection c, int status) throws IOException {
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (out.size() + n > MAX_BODY) {
                    throw new IOException("response body larger than " + MAX_BODY + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new ImageSdkClientException(algorithm + " is not available in this JVM", e);
        }
    }
}
