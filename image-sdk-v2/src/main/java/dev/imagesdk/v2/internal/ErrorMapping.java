package dev.imagesdk.v2.internal;

import dev.imagesdk.exception.ImageServiceException;

import java.util.List;
import java.util.Map;

/** Maps an error response to the SDK's typed exception (the core {@code ErrorMapper} in production). */
@FunctionalInterface
public interface ErrorMapping {
    ImageServiceException map(int status, Map<String, List<String>> headers, byte[] body);
}
