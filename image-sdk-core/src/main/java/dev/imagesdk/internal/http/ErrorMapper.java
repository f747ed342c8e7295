package dev.imagesdk.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one mapping from an error response (status, headers, body) to the SDK's typed exceptions, used by
 * the Feign path and the streaming path.
 *
 * <p>Glance's error body is JSON, plain text or HTML depending on the request's {@code Accept}; Keystone's
 * is JSON ({@code {"error": {"message": ...}}}). The message is extracted in every case and cleaned of
 * Glance's {@code <br />} padding. The {@code x-openstack-request-id} is kept when present
 * (keystonemiddleware's 401 has none). A {@code Retry-After} header (seconds or an HTTP date) is parsed
 * and carried by the exception ({@link ImageServiceException#retryAfter()}), whatever its type.
 */
public final class ErrorMapper {

    /** Error bodies are small; never read or keep more than this. */
    public static final int MAX_ERROR_BODY = 64 * 1024;

    private static final int MAX_MESSAGE = 2000;
    private static final Pattern BR = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEAD = Pattern.compile("<head>.*?</head>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern H1 = Pattern.compile("<h1>.*?</h1>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern STATUS_LINE = Pattern.compile("^\\d{3}( [^\\n]*)?$");
    private static final Pattern WS = Pattern.compile("\\s+");

    private final ObjectMapper json;
    private final Clock clock;

    public ErrorMapper(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * Maps an error response to its typed exception.
     *
     * @param headers response headers (any case of names); may be empty
     * @param bodyOrNull the error body, at most {@link #MAX_ERROR_BODY} bytes, or null
     */
    public ImageServiceException map(int status, Map<String, List<String>> headers, byte[] bodyOrNull) {
        String requestId = header(headers, "x-openstack-request-id").orElse(null);
        String message = extractMessage(header(headers, "content-type").orElse(null), bodyOrNull);
        Duration retryAfter = header(headers, "retry-after").flatMap(this::parseRetryAfter).orElse(null);
        switch (status) {
            case 400: return new BadRequestException(message, requestId, retryAfter);
            case 401: return new UnauthorizedException(message, requestId, retryAfter);
            case 403: return new ForbiddenException(message, requestId, retryAfter);
            case 404: return new NotFoundException(message, requestId, retryAfter);
            case 409: return new ConflictException(message, requestId, retryAfter);
            case 413: return new RequestEntityTooLargeException(message, requestId, retryAfter);
            case 415: return new UnsupportedMediaTypeException(message, requestId, retryAfter);
            case 429: return new TooManyRequestsException(message, requestId, retryAfter);
            case 503: return new ServiceUnavailableException(message, requestId, retryAfter);
            default: return new ImageServiceException(status, message, requestId, retryAfter);
        }
    }

    /** The {@code Retry-After} a service exception carries, if any (empty for any other throwable). */
    public static Optional<Duration> retryAfterOf(Throwable t) {
        return t instanceof ImageServiceException ? ((ImageServiceException) t).retryAfter() : Optional.empty();
    }

    /** First value of a header, looked up case-insensitively. */
    public static Optional<String> header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null
                    && !e.getValue().isEmpty() && e.getValue().get(0) != null) {
                return Optional.of(e.getValue().get(0).trim());
            }
        }
        return Optional.empty();
    }

    /** Parses delta-seconds or an HTTP date (relative to this mapper's clock); a past date is zero. */
    Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        if (v.matches("\\d{1,10}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    String extractMessage(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        int len = Math.min(body.length, MAX_ERROR_BODY);
        String text = new String(body, 0, len, StandardCharsets.UTF_8);
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String trimmed = text.trim();
        String message;
        if (ct.contains("json") || (ct.isEmpty() && trimmed.startsWith("{"))) {
            message = fromJson(trimmed);
            if (message == null) {
                message = trimmed;
            }
        } else if (ct.contains("html") || (ct.isEmpty() && trimmed.startsWith("<"))) {
            message = fromHtml(trimmed);
        } else {
            message = fromText(trimmed);
        }
        return clean(message);
    }

    private String fromJson(String text) {
        try {
            JsonNode root = json.readTree(text);
            if (root == null || !root.isObject()) {
                return null;
            }
            if (root.hasNonNull("message")) {
                return root.get("message").asText();
            }
            // Keystone {"error": {...}} and other single-key wrappers {"badRequest": {...}}.
            Iterator<JsonNode> values = root.elements();
            while (values.hasNext()) {
                JsonNode inner = values.next();
                if (inner.isObject() && inner.hasNonNull("message")) {
                    return inner.get("message").asText();
                }
            }
            if (root.hasNonNull("title")) {
                return root.get("title").asText();
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String fromHtml(String html) {
        String s = HEAD.matcher(html).replaceAll(" ");
        s = H1.matcher(s).replaceAll(" ");
        s = BR.matcher(s).replaceAll(" ");
        s = TAG.matcher(s).replaceAll(" ");
        return s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&amp;", "&");
    }

    private static String fromText(String text) {
        // Glance/webob plain text: "404 Not Found\n\n<message>\n\n   " - drop the status line.
        String[] lines = text.split("\\r?\\n", 2);
        if (lines.length == 2 && STATUS_LINE.matcher(lines[0].trim()).matches() && !lines[1].isBlank()) {
            return lines[1];
        }
        return text;
    }

    private static String clean(String message) {
        String s = BR.matcher(message).replaceAll(" ");
        s = WS.matcher(s).replaceAll(" ").trim();
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}
