package dev.imagesdk.internal.http;

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
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorMapperTest {

    private static final String MESSAGE = "No image found with ID d6aee501-3277-4b50-ae2c-cf7a0083b284";
    private final ErrorMapper mapper = new ErrorMapper(new ObjectMapper(),
            Clock.fixed(Instant.parse("2026-11-22T19:38:15Z"), ZoneOffset.UTC));

    private static Map<String, List<String>> headers(String contentType, String requestId) {
        return requestId == null ? Map.of("Content-Type", List.of(contentType))
                : Map.of("Content-Type", List.of(contentType), "X-Openstack-Request-Id", List.of(requestId));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void extractsTheMessageFromGlanceJson() {
        String body = "{\n  \"message\": \"" + MESSAGE + "<br /><br />\\n\\n\\n\",\n  \"code\": \"404 Not Found\",\n  \"title\": \"Not Found\"\n}";
        ImageServiceException e = mapper.map(404, headers("application/json", "req-495b7953"), utf8(body));
        assertThat(e).isInstanceOf(NotFoundException.class);
        assertThat(e.serviceMessage()).isEqualTo(MESSAGE);
        assertThat(e.requestId()).contains("req-495b7953");
        assertThat(e.getMessage()).contains("404").contains(MESSAGE).contains("req-495b7953");
    }

    @Test
    void extractsTheMessageFromGlancePlainText() {
        String body = "404 Not Found\n\n" + MESSAGE + "\n\n   ";
        ImageServiceException e = mapper.map(404, headers("text/plain; charset=UTF-8", "req-99870c90"), utf8(body));
        assertThat(e).isInstanceOf(NotFoundException.class);
        assertThat(e.serviceMessage()).isEqualTo(MESSAGE);
        assertThat(e.requestId()).contains("req-99870c90");
    }

    @Test
    void extractsTheMessageFromGlanceHtml() {
        String body = "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  "
                + MESSAGE + "<br /><br />\n\n\n\n </body>\n</html>";
        ImageServiceException e = mapper.map(404, headers("text/html; charset=UTF-8", "req-5d966f61"), utf8(body));
        assertThat(e.serviceMessage()).isEqualTo(MESSAGE);
        assertThat(e.requestId()).contains("req-5d966f61");
    }

    @Test
    void keystonemiddleware401HasNoRequestId() {
        String body = "{\"message\": \"This server could not verify that you are authorized to access the document you requested.<br /><br />\\n\\n\\n\", \"code\": \"401 Unauthorized\", \"title\": \"Unauthorized\"}";
        ImageServiceException e = mapper.map(401, Map.of("Content-Type", List.of("application/json"),
                "Www-Authenticate", List.of("Keystone uri=\"http://127.0.0.1:5000\"")), utf8(body));
        assertThat(e).isInstanceOf(UnauthorizedException.class);
        assertThat(e.requestId()).isEmpty();
        assertThat(e.serviceMessage()).startsWith("This server could not verify");
    }

    @Test
    void extractsKeystoneErrorDocument() {
        String body = "{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}";
        ImageServiceException e = mapper.map(401, headers("application/json", "req-k"), utf8(body));
        assertThat(e.serviceMessage()).isEqualTo("The request you have made requires authentication.");
    }

    @Test
    void plainTextConflictKeepsTheMessage() {
        String body = "409 Conflict\n\nImage status transition from active to saving is not allowed\n\n   ";
        ImageServiceException e = mapper.map(409, headers("text/plain; charset=UTF-8", "req-d43f"), utf8(body));
        assertThat(e).isInstanceOf(ConflictException.class);
        assertThat(e.serviceMessage()).isEqualTo("Image status transition from active to saving is not allowed");
    }

    @Test
    void mapsEveryStatusToItsType() {
        assertThat(mapper.map(400, Map.of(), null)).isInstanceOf(BadRequestException.class);
        assertThat(mapper.map(403, Map.of(), null)).isInstanceOf(ForbiddenException.class);
        assertThat(mapper.map(413, Map.of(), null)).isInstanceOf(RequestEntityTooLargeException.class);
        assertThat(mapper.map(415, Map.of(), null)).isInstanceOf(UnsupportedMediaTypeException.class);
        assertThat(mapper.map(429, Map.of(), null)).isInstanceOf(TooManyRequestsException.class);
        assertThat(mapper.map(503, Map.of(), null)).isInstanceOf(ServiceUnavailableException.class);
        ImageServiceException other = mapper.map(500, Map.of(), utf8("boom"));
        assertThat(other.getClass()).isEqualTo(ImageServiceException.class);
        assertThat(other.statusCode()).isEqualTo(500);
        assertThat(other.serviceMessage()).isEqualTo("boom");
        assertThat(mapper.map(404, Map.of(), null).serviceMessage()).isEmpty();
    }

    @Test
    void parsesRetryAfterSeconds() {
        ImageServiceException e = mapper.map(503, Map.of("Retry-After", List.of("7")), null);
        assertThat(e).isInstanceOf(ServiceUnavailableException.class);
        assertThat(ErrorMapper.retryAfterOf(e)).contains(Duration.ofSeconds(7));
        ImageServiceException t = mapper.map(429, Map.of("retry-after", List.of("2")), null);
        assertThat(t).isInstanceOf(TooManyRequestsException.class);
        assertThat(ErrorMapper.retryAfterOf(t)).contains(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterIsPublicOnTheExceptionAndKeepsItsType() {
        ImageServiceException e = mapper.map(503, Map.of("Retry-After", List.of("7")), null);
        assertThat(e.getClass()).isEqualTo(ServiceUnavailableException.class);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        ImageServiceException large = mapper.map(413, Map.of("Retry-After", List.of("60")), null);
        assertThat(large.getClass()).isEqualTo(RequestEntityTooLargeException.class);
        assertThat(large.retryAfter()).contains(Duration.ofSeconds(60));
        assertThat(mapper.map(503, Map.of(), null).retryAfter()).isEmpty();
        assertThat(new TooManyRequestsException("m", null, Duration.ofSeconds(-5)).retryAfter()).contains(Duration.ZERO);
    }

    @Test
    void parsesRetryAfterHttpDateAgainstTheClock() {
        ImageServiceException e = mapper.map(502, Map.of("Retry-After", List.of("Sun, 22 Nov 2026 19:38:45 GMT")), null);
        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(ErrorMapper.retryAfterOf(e)).contains(Duration.ofSeconds(30));
        ImageServiceException past = mapper.map(503, Map.of("Retry-After", List.of("Sun, 22 Nov 2026 19:00:00 GMT")), null);
        assertThat(ErrorMapper.retryAfterOf(past)).contains(Duration.ZERO);
        ImageServiceException junk = mapper.map(503, Map.of("Retry-After", List.of("soon")), null);
        assertThat(ErrorMapper.retryAfterOf(junk)).isEmpty();
    }
}
