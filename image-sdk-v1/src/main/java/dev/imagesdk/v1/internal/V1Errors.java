package dev.imagesdk.v1.internal;

import dev.imagesdk.exception.BadRequestException;
import dev.imagesdk.exception.ConflictException;
import dev.imagesdk.exception.ForbiddenException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.NotFoundException;
import dev.imagesdk.exception.RequestEntityTooLargeException;
import dev.imagesdk.exception.ServiceUnavailableException;
import dev.imagesdk.exception.TooManyRequestsException;
import dev.imagesdk.exception.UnauthorizedException;
import dev.imagesdk.exception.UnsupportedMediaTypeException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Error statuses to typed exceptions for the v1 transport, with Glance v1's plain-text or HTML message
 * (it answers {@code 400 Bad Request\n\nBad header: x-image-meta-foo\n\n}). To be replaced by the core's
 * shared error mapper.
 */
final class V1Errors {
    private static final int MAX_MESSAGE = 500;

    private V1Errors() {
    }

    static ImageServiceException map(int status, Map<String, List<String>> headers, byte[] body) {
        String requestId = first(headers, "x-openstack-request-id");
        String message = message(body);
        switch (status) {
            case 400: return new BadRequestException(message, requestId);
            case 401: return new UnauthorizedException(message, requestId);
            case 403: return new ForbiddenException(message, requestId);
            case 404: return new NotFoundException(message, requestId);
            case 409: return new ConflictException(message, requestId);
            case 413: return new RequestEntityTooLargeException(message, requestId);
            case 415: return new UnsupportedMediaTypeException(message, requestId);
            case 429: return new TooManyRequestsException(message, requestId);
            case 503: return new ServiceUnavailableException(message, requestId);
            default: return new ImageServiceException(status, message, requestId);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The text of the body without HTML tags and the status line, collapsed to one line. */
    static String message(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String s = new String(body, StandardCharsets.UTF_8)
                .replaceAll("(?s)<head>.*?</head>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceFirst("^\\s*\\d{3} [A-Za-z ]+\\n", "")
                .replaceAll("\\s+", " ").trim();
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "..." : s;
    }
}
