package dev.imagesdk.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.testsupport.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the error-body parser: any status, headers and body (JSON, HTML, text, bytes, huge) must map to
 * an {@link ImageServiceException} of that status, never throw.
 */
class ErrorMapperFuzzTest {
    private static final String[] BODY_KEYS = {"message", "error", "code", "title", "description", "detail",
            "badRequest", "itemNotFound", "explanation", "409 Conflict", "<html>", "<h1>", "</h1>", "<br />"};

    record Input(int status, Map<String, List<String>> headers, byte[] body) {
        @Override
        public String toString() {
            return status + " " + headers + " " + (body == null ? "null" : new String(body, StandardCharsets.UTF_8));
        }
    }

    @Test
    void anyErrorResponseMapsToATypedExceptionOfItsStatus() throws Exception {
        long seed = Fuzz.seed(20_001);
        Fuzz fuzz = new Fuzz(seed, ImageSdkException.class);
        ErrorMapper mapper = new ErrorMapper(new ObjectMapper(), Clock.systemUTC());
        List<String> findings = fuzz.run("error-body", seed, 30_000, () -> input(fuzz), in -> {
            ImageServiceException e = mapper.map(in.status(), in.headers(), in.body());
            assertThat(e).isNotNull();
            assertThat(e.statusCode()).isEqualTo(in.status());
            assertThat(e.getMessage()).isNotNull();
            ErrorMapper.retryAfterOf(e).ifPresent(d -> assertThat(d.isNegative()).isFalse());
        });
        assertThat(findings).isEmpty();
    }

    private static Input input(Fuzz fuzz) {
        int status = fuzz.chance(80) ? 400 + fuzz.nextInt(200) : fuzz.nextInt(1000) - 1;
        Map<String, List<String>> h = new LinkedHashMap<>();
        if (fuzz.chance(70)) {
            h.put(fuzz.pick(List.of("Content-Type", "content-type", "CONTENT-TYPE")), List.of(fuzz.string(
                    "application/json", "text/html; charset=UTF-8", "text/plain", "application/json; charset=utf-8")));
        }
        if (fuzz.chance(40)) {
            h.put("Retry-After", List.of(fuzz.string("0", "120", "Wed, 21 Oct 2015 07:28:00 GMT",
                    "Sun, 22 Nov 2026 23:59:59 GMT", "99999999999")));
        }
        if (fuzz.chance(50)) {
            h.put("X-Openstack-Request-Id", List.of(fuzz.string("req-" + fuzz.ascii(8))));
        }
        if (fuzz.chance(5)) {
            h.put(fuzz.string(), fuzz.chance(50) ? List.of() : java.util.Collections.singletonList(null));
        }
        byte[] body;
        int kind = fuzz.nextInt(5);
        if (kind == 0) {
            body = null;
        } else if (kind == 1) {
            body = fuzz.json(4, BODY_KEYS).toString().getBytes(StandardCharsets.UTF_8);
        } else if (kind == 2) {
            body = fuzz.mutate(fuzz.json(4, BODY_KEYS).toString()).getBytes(StandardCharsets.UTF_8);
        } else if (kind == 3) {
            body = ("<html><head><title>" + fuzz.string() + "</title></head><body><h1>" + fuzz.string() + "</h1>"
                    + fuzz.string() + "</body></html>").getBytes(StandardCharsets.UTF_8);
        } else {
            body = fuzz.bytes(BODY_KEYS);
        }
        return new Input(status, h, body);
    }
}
