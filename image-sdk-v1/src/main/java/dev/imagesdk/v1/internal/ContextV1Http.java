package dev.imagesdk.v1.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.ImageData;
import dev.imagesdk.ImageDownload;
import dev.imagesdk.TransferListener;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.CallOptions;
import dev.imagesdk.internal.http.CallSpec;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.internal.http.FeignResponses;
import dev.imagesdk.internal.transfer.DataTransport;
import dev.imagesdk.internal.transfer.DownloadMetadata;
import dev.imagesdk.internal.transfer.ExpectedChecksum;
import dev.imagesdk.internal.transfer.UploadResponse;
import feign.Response;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production {@link V1Http}: metadata calls are Feign calls ({@link GlanceV1Api}) run by the core's
 * {@link dev.imagesdk.internal.http.CallExecutor} (token, the one retry policy, one re-authentication on
 * 401) with the shared error mapper and wire logger; image bytes go through the core's shared
 * {@link DataTransport}.
 *
 * <p>Retry rules per call: HEAD, GET, DELETE and metadata PUT are idempotent; a metadata POST is a create
 * with a client-chosen id, so it is retried too (a 409 on the retry is resolved by the caller); a 404 on a
 * retried DELETE counts as success. Data uploads follow {@link DataTransport}'s rules (resent only while no
 * body byte went out); the status-aware retry after that is {@link V1UploadRetry}'s, in the service.
 *
 * <p>The v1 root: {@code <image endpoint>/v1}, unless the endpoint as configured or catalogued already ends
 * in a v1 segment ({@code /v1} or {@code /v1.0}, as HP Cloud catalogued it), which is then kept.
 */
final class ContextV1Http implements V1Http {

    private static final Pattern V1_SEGMENT = Pattern.compile("/(v1(?:\\.\\d+)?)/*$", Pattern.CASE_INSENSITIVE);

    private final ClientContext ctx;
    private final GlanceV1Api api;
    private final DataTransport data;
    private final String root;
    /** The options of the view this transport serves ({@link CallOptions#none()} for the service itself). */
    private final CallOptions options;
    /** Whether this transport owns what it shares (the service's own) or is a view's (closing does nothing). */
    private final boolean owner;

    ContextV1Http(ClientContext ctx) {
        this.ctx = ctx;
        this.api = ctx.feign(GlanceV1Api.class);
        this.data = DataTransport.create(ctx);
        this.root = v1Root(ctx.imageEndpoint(), ctx.catalogedEndpoint());
        this.options = CallOptions.none();
        this.owner = true;
    }

    private ContextV1Http(ContextV1Http shared, CallOptions options) {
        this.ctx = shared.ctx;
        this.api = shared.api;
        this.data = shared.data;
        this.root = shared.root;
        this.options = options;
        this.owner = false;
    }

    @Override
    public V1Http withOptions(CallOptions more) {
        return new ContextV1Http(this, options.with(more));
    }

    /** {@code <root>/v1}, or {@code <root>/<segment>} when the catalogued endpoint ends in a v1 segment. */
    static String v1Root(URI root, URI cataloged) {
        Matcher m = V1_SEGMENT.matcher(cataloged.toString());
        String segment = m.find() ? m.group(1) : "v1";
        return root.toString().replaceAll("/+$", "") + "/" + segment;
    }

    @Override
    public V1Response send(V1Request request) {
        CallSpec spec = CallSpec.builder(operation(request), request.method())
                // Every v1 metadata POST is a create carrying a client-chosen id: a repeat cannot duplicate
                // (it gets 409, which V1Images resolves by reading the image back).
                .idempotent(true)
                .build();
        URI url = uri(request);
        JsonNode body = json(request.body());
        int[] attempts = {0};
        return ctx.callExecutor().execute(spec, options, token -> {
            attempts[0]++;
            Map<String, Object> headers = new LinkedHashMap<>(request.headers());
            if (token != null) {
                headers.put(DataTransport.TOKEN_HEADER, token);
            }
            try {
                return read(request, call(request.method(), url, headers, body));
            } catch (NotFoundException e) {
                if (request.notFoundOnRetryIsSuccess() && attempts[0] > 1) {
                    return new V1Response(200, Map.of(), new byte[0]);
                }
                throw e;
            }
        });
    }

    private Response call(String method, URI url, Map<String, Object> headers, JsonNode body) {
        switch (method) {
            case "GET": return api.get(url, headers);
            case "HEAD": return api.head(url, headers);
            case "DELETE": return api.delete(url, headers);
            case "POST": return api.post(url, headers);
            case "PUT": return body == null ? api.put(url, headers) : api.put(url, headers, body);
            default: throw new ImageSdkClientException("v1 has no " + method + " call");
        }
    }

    private V1Response read(V1Request request, Response response) throws IOException {
        try (Response r = FeignResponses.requireSuccess(response, ctx.errorMapper())) {
            byte[] body = request.method().equals("HEAD") ? new byte[0] : FeignResponses.body(r);
            return new V1Response(r.status(), FeignResponses.headers(r), body);
        }
    }

    private JsonNode json(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return ctx.objectMapper().readTree(body);
        } catch (IOException e) {
            throw new ImageSdkClientException("Could not encode a v1 request body: " + e.getMessage(), e);
        }
    }

    @Override
    public Upload upload(V1Request request, ImageData source, TransferListener listener, Runnable onAttempt) {
        dev.imagesdk.event.CallInfo[] call = new dev.imagesdk.event.CallInfo[1];
        UploadResponse r = data.upload("v1 upload " + template(pathOnly(request)), request.method(), url(request),
                request.headers(), source, listener, () -> {
                    // Inside the attempt: the upload call, for its verification event (null without a listener).
                    call[0] = dev.imagesdk.internal.http.CallScope.currentCall();
                    onAttempt.run();
                });
        return new Upload(new V1Response(r.status(), r.headers(), r.body()), r.hashes().bytes(), r.hashes().md5(),
                r.hashes().sha512(), call[0]);
    }

    @Override
    public void verified(Upload upload, boolean verified) {
        data.verification(upload.call(), verified);
    }

    @Override
    public ImageDownload download(String imageId, V1Request request) {
        // In v1 the data response's own headers are the image's metadata (x-image-meta-checksum): verify
        // against those, from the first response, across any Range resumes.
        return data.download(imageId, url(request), () -> new DownloadMetadata(Optional.empty(), -1),
                ExpectedChecksum::fromV1);
    }

    private URI uri(V1Request request) {
        try {
            return URI.create(root + "/" + request.path());
        } catch (IllegalArgumentException e) {
            throw new ImageSdkClientException("Could not form the URL of " + request + ": " + e.getMessage(), e);
        }
    }

    private URL url(V1Request request) {
        return DataTransport.url(root, "/" + request.path());
    }

    /** The words of the v1 API's paths; any other segment is a caller's value (an id, a member, a tenant). */
    private static final java.util.Set<String> V1_WORDS = java.util.Set.of("v1", "images", "detail", "members",
            "shared-images");

    /**
     * The call's operation name for logs, messages, events and metrics, without the caller's values, so that it
     * names a fixed set of operations: e.g. {@code v1 GET /images/{id}/members/{id}}.
     */
    static String operation(V1Request r) {
        return "v1 " + r.method() + " " + template(pathOnly(r));
    }

    /** {@code path} with every segment that is not a word of the v1 API replaced by {@code {id}}. */
    static String template(String path) {
        String[] parts = path.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty() && !V1_WORDS.contains(parts[i])) {
                parts[i] = "{id}";
            }
        }
        return String.join("/", parts);
    }

    private static String pathOnly(V1Request r) {
        int q = r.path().indexOf('?');
        return q < 0 ? r.path() : r.path().substring(0, q);
    }

    @Override
    public void close() {
        if (owner) {
            data.close();
        }
    }
}
