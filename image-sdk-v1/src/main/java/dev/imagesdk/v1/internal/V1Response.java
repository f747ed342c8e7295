package dev.imagesdk.v1.internal;

import java.util.List;
import java.util.Map;

/**
 * A v1 response with its body read (metadata calls only; bounded by the transport).
 *
 * @param status HTTP status
 * @param headers header names case-insensitive
 * @param body the body, empty if none
 */
record V1Response(int status, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
