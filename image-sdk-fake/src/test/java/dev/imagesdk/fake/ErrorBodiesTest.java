package dev.imagesdk.fake;

import static dev.imagesdk.fake.Http.header;
import static dev.imagesdk.fake.Http.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagesdk.fake.junit.FakeGlanceExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Error bodies by Accept, byte for byte as the real Glance transcripts show them. */
@ExtendWith(FakeGlanceExtension.class)
class ErrorBodiesTest {
    private static final String ID = "d6aee501-3277-4b50-ae2c-cf7a0083b284";
    private Http demo;
    private Http anonymous;

    @BeforeEach
    void setUp(FakeGlance fake) {
        anonymous = new Http(fake);
        demo = anonymous.as("demo");
    }

    @Test
    void jsonWhenAcceptIsJson() {
        HttpResponse<byte[]> r = demo.get("/v2/images/" + ID, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(header(r, "Content-Type")).isEqualTo("application/json");
        assertThat(header(r, "Content-Length")).isEqualTo("139");
        assertThat(text(r)).isEqualTo("{\"message\": \"No image found with ID " + ID + "<br /><br />\\n\\n\\n\", "
                + "\"code\": \"404 Not Found\", \"title\": \"Not Found\"}");
    }

    @Test
    void plainTextWithoutAccept() {
        HttpResponse<byte[]> r = demo.get("/v2/images/" + ID);
        assertThat(header(r, "Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(header(r, "Content-Length")).isEqualTo("79");
        assertThat(text(r)).isEqualTo("404 Not Found\n\nNo image found with ID " + ID + "\n\n   ");
    }

    @Test
    void htmlWhenAcceptIsHtmlOrAnything() {
        HttpResponse<byte[]> r = demo.get("/v2/images/" + ID, "Accept", "text/html");
        assertThat(header(r, "Content-Type")).isEqualTo("text/html; charset=UTF-8");
        assertThat(header(r, "Content-Length")).isEqualTo("181");
        assertThat(text(r)).isEqualTo("<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n"
                + "  <h1>404 Not Found</h1>\n  No image found with ID " + ID + "<br /><br />\n\n\n\n </body>\n</html>");
        assertThat(header(demo.get("/v2/images/" + ID, "Accept", "*/*"), "Content-Type"))
                .isEqualTo("text/html; charset=UTF-8");
        assertThat(header(demo.get("/v2/images/" + ID, "Accept", "text/html;q=0.5, application/json"), "Content-Type"))
                .isEqualTo("application/json");
    }

    @Test
    void unauthorizedLooksLikeKeystonemiddleware() {
        for (HttpResponse<byte[]> r : new HttpResponse[] {
            anonymous.get("/v2/images", "Accept", "application/json"),
            anonymous.withToken("not-a-valid-token").get("/v2/images", "Accept", "application/json")}) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(header(r, "Content-Length")).isEqualTo("316");
            assertThat(header(r, "WWW-Authenticate")).startsWith("Keystone uri=\"http://127.0.0.1:");
            assertThat(header(r, "X-Openstack-Request-Id")).isNull();
            assertThat(text(r)).contains("\"code\": \"401 Unauthorized\"");
        }
    }

    @Test
    void everyGlanceAnswerCarriesARequestId() {
        HttpResponse<byte[]> r = demo.get("/v2/images");
        assertThat(header(r, "X-Openstack-Request-Id")).matches("req-[0-9a-f-]{36}");
    }
}
