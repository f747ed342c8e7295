package dev.imagesdk.internal.http;

import dev.imagesdk.exception.ImageServiceException;
import feign.Response;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Helpers for Feign methods that return {@link Response} (to read headers). Feign hands such responses
 * back whatever their status, without its error decoder, so callers must call {@link #requireSuccess}.
 */
public final class FeignResponses {

    private FeignResponses() {
    }

    /** Throws the mapped exception (closing the response) unless the status is 2xx. */
    public static Response requireSuccess(Response response, ErrorMapper mapper) {
        if (response.status() >= 200 && response.status() < 300) {
            return response;
        }
        throw toException(response, mapper);
    }

    /** The mapped exception for this (error) response, which is closed. */
    public static ImageServiceException toException(Response response, ErrorMapper mapper) {
        try (response) {
            byte[] body = null;
            if (response.body() != null) {
                try (InputStream in = response.body().asInputStream()) {
                    body = in.readNBytes(ErrorMapper.MAX_ERROR_BODY);
                } catch (IOException e) {
                    body = null;
                }
            }
            return mapper.map(response.status(), headers(response), body);
        }
    }

    /** The response headers as a case-insensitive map of lists. */
    public static Map<String, List<String>> headers(Response response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, Collection<String>> e : response.headers().entrySet()) {
            headers.put(e.getKey(), new ArrayList<>(e.getValue()));
        }
        return headers;
    }

    /** The whole body (small JSON documents only), empty when there is none. */
    public static byte[] body(Response response) throws IOException {
        if (response.body() == null) {
            return new byte[0];
        }
        try (InputStream in = response.body().asInputStream()) {
            return in.readAllBytes();
        }
    }
}
