package dev.imagesdk.v2.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.internal.http.JsonGet;
import dev.imagesdk.internal.http.PathSegment;

import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every v2 resource class ({@link V2Images}, {@link V2ImageData}, {@link V2Imports}, {@link V2Tags},
 * {@link V2Members}, {@link V2Tasks}, {@link V2Cache}, {@link V2Locations}, {@link V2Schemas},
 * {@link V2Metadefs}) shares: the Feign API, the lean GET, the call runner, error mapping, the image-bytes
 * transfer, the endpoint root, the JSON mapper and the settings; plus the few helpers they all use (argument
 * checks, paths under the endpoint root, the DELETE that counts 404 on a retry as success).
 */
final class V2Context {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final GlanceV2Api api;
    final JsonGet gets;
    final CallRunner calls;
    final ErrorMapping errors;
    final DataTransfer data;
    /** The image endpoint without trailing slashes; {@code /v2/...} paths are appended to it. */
    final String endpointRoot;
    final ObjectMapper json;
    final V2Settings settings;

    V2Context(GlanceV2Api api, JsonGet gets, CallRunner calls, ErrorMapping errors, DataTransfer data,
              String endpointRoot, ObjectMapper json, V2Settings settings) {
        this.api = Objects.requireNonNull(api, "api");
        this.gets = Objects.requireNonNull(gets, "gets");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.data = Objects.requireNonNull(data, "data");
        this.endpointRoot = stripTrailingSlash(Objects.requireNonNull(endpointRoot, "endpointRoot"));
        this.json = Objects.requireNonNull(json, "json");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    URI linkUri(String pathAndQuery) {
        try {
            return URI.create(endpointRoot + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new ImageSdkClientException("The service sent a link that is not a valid URI: " + pathAndQuery, e);
        }
    }

    /** GET of a path (with its encoded query) under the endpoint root, e.g. a {@code next} link. */
    JsonNode getPath(String operation, String pathAndQuery) {
        URI url = linkUri(pathAndQuery);
        return calls.run(operation, "GET", true, token -> api.getUrl(url, token));
    }

    @FunctionalInterface
    interface VoidCall {
        void run(String token) throws Exception;
    }

    /** A DELETE that counts 404 on a retry as success: an earlier attempt deleted it. */
    void deleteCall(String name, VoidCall call) {
        AtomicInteger attempts = new AtomicInteger();
        calls.run(name, "DELETE", true, token -> {
            int attempt = attempts.incrementAndGet();
            try {
                call.run(token);
            } catch (NotFoundException e) {
                if (attempt == 1) {
                    throw e;
                }
            }
            return null;
        });
    }

    /** A path under the endpoint root, every caller's value in it already encoded by {@link #segment}. */
    URI url(String path) {
        return linkUri(path);
    }

    /** {@code /v2/images/<id>}: the id checked ({@link #checkId}) and encoded as one segment. */
    static String imagePath(String imageId) {
        checkId("imageId", imageId);
        return "/v2/images/" + segment("imageId", imageId);
    }

    /** A caller's value as exactly one path segment: {@link PathSegment}, the SDK's one encoder for paths. */
    static String segment(String field, String value) {
        return PathSegment.encode(field, value);
    }

    /** Appends {@code name=value} (value percent-encoded) to a query string under construction. */
    static void param(StringBuilder q, String name, String value) {
        if (q.length() > 0) {
            q.append('&');
        }
        q.append(name).append('=').append(QueryEncoder.encode(value));
    }

    /** An id (not a free-form name): non-blank, at most 255 characters, without {@code /} or control characters. */
    static void checkId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException(field, id, "must not be empty");
        }
        PathSegment.encode(field, id); // its length limit
        if (id.indexOf('/') >= 0 && !"schema name".equals(field) && !"url".equals(field)) {
            throw new InvalidInputException(field, id, "must not contain '/'");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, id, "must not contain control characters");
        }
    }

    static void notNull(String field, Object value) {
        if (value == null) {
            throw new InvalidInputException(field, null, "must not be null");
        }
    }

    private static String stripTrailingSlash(String url) {
        String u = url;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
