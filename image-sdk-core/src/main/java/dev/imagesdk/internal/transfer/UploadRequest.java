package dev.imagesdk.internal.transfer;

import dev.imagesdk.ImageData;
import dev.imagesdk.exception.InvalidInputException;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One upload of image bytes: {@code PUT /v2/images/{id}/file} or {@code /stage}, or v1 {@code POST}/{@code PUT}.
 * The body is sent with {@code Content-Length} when the data's length is known, else chunked.
 *
 * @param method {@code PUT} or {@code POST}
 * @param url the full URL
 * @param headers request headers, including the token header and any {@code x-image-meta-*}; a
 *                {@code Content-Type} defaults to {@code application/octet-stream}. {@code Content-Length},
 *                {@code Transfer-Encoding}, {@code Host} and {@code Connection} are set by the engine.
 * @param data the bytes; opened only once the connection is established (a failed connect never consumes
 *             a one-shot stream)
 * @param operation the operation in the SDK's words (e.g. {@code upload image data}), named in failure messages
 */
public record UploadRequest(String method, URL url, Map<String, String> headers, ImageData data, String operation) {

    /** An upload named {@code upload image data}. */
    public UploadRequest(String method, URL url, Map<String, String> headers, ImageData data) {
        this(method, url, headers, data, "upload image data");
    }

    public UploadRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(data, "data");
        if (!method.equals("PUT") && !method.equals("POST")) {
            throw new InvalidInputException("method", method, "must be PUT or POST");
        }
        Map<String, String> copy = new LinkedHashMap<>(headers == null ? Map.of() : headers);
        if (copy.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Content-Type"))) {
            copy.put("Content-Type", "application/octet-stream");
        }
        headers = Map.copyOf(copy);
    }

    @Override
    public String toString() { // headers hold the token: never printed
        return "UploadRequest[" + method + " " + url + ", " + data + "]";
    }
}
