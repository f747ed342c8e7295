package dev.imagesdk.v1.internal;

import com.fasterxml.jackson.databind.JsonNode;
import feign.HeaderMap;
import feign.RequestLine;
import feign.Response;

import java.net.URI;
import java.util.Map;

/**
 * The v1 metadata calls as Feign sees them: the image's fields travel in {@code x-image-meta-*} headers both
 * ways, so every method takes its headers (token included) as a map and returns the raw {@link Response}
 * (status and headers to read; pass it through {@code FeignResponses.requireSuccess}). The {@link URI}
 * argument is the absolute request URL, path and query already encoded.
 */
interface GlanceV1Api {

    @RequestLine("GET")
    Response get(URI url, @HeaderMap Map<String, Object> headers);

    @RequestLine("HEAD")
    Response head(URI url, @HeaderMap Map<String, Object> headers);

    @RequestLine("DELETE")
    Response delete(URI url, @HeaderMap Map<String, Object> headers);

    @RequestLine("POST")
    Response post(URI url, @HeaderMap Map<String, Object> headers);

    @RequestLine("PUT")
    Response put(URI url, @HeaderMap Map<String, Object> headers);

    @RequestLine("PUT")
    Response put(URI url, @HeaderMap Map<String, Object> headers, JsonNode body);
}
