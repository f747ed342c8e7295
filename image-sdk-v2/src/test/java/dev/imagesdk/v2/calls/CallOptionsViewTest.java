package dev.imagesdk.v2.calls;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.CallOptions;
import dev.imagesdk.ImageService;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.CallTimeoutException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.v2.ImageServiceV2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ImageService#withOptions(CallOptions)}: the view's requests carry its extra headers and run under its
 * timeouts while the original's do not; both share one client and token; closing the view leaves the original
 * usable.
 */
class CallOptionsViewTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    static final String ID = "d63ff38b-68c1-49d6-93fb-96740f4fbd4e";
    static final String TOKEN = "gAAAAABrA0Sm-static-token";

    ImageServiceV2 images;

    @BeforeEach
    void build() {
        ClientConfig config = ClientConfig.builder().auth(new AuthMethod.StaticToken(TOKEN))
                .imageEndpoint("http://127.0.0.1:" + wm.getPort()).build();
        images = ImageServiceV2.of(ImageService.builder().config(config).apiVersion(ApiVersion.V2).build());
        wm.stubFor(get("/v2/images/" + ID).willReturn(okJson(transcript("image-active.json"))));
        wm.stubFor(delete("/v2/images/" + ID).willReturn(noContent()));
    }

    @AfterEach
    void close() {
        images.close();
    }

    private static String transcript(String name) {
        try (InputStream in = CallOptionsViewTest.class.getResourceAsStream("/transcripts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void viewsRequestsCarryItsExtraHeadersAndTheOriginalsDoNot() {
        ImageServiceV2 view = images.withOptions(CallOptions.builder().header("X-Trace-Id", "trace-17").build());

        view.get(ID);   // the lean GET path
        view.delete(ID); // a Feign call
        images.get(ID);

        wm.verify(1, getRequestedFor(urlEqualTo("/v2/images/" + ID)).withHeader("X-Trace-Id", equalTo("trace-17"))
                .withHeader("X-Auth-Token", equalTo(TOKEN)));
        wm.verify(1, deleteRequestedFor(urlEqualTo("/v2/images/" + ID)).withHeader("X-Trace-Id", equalTo("trace-17"))
                .withHeader("X-Auth-Token", equalTo(TOKEN)));
        wm.verify(1, getRequestedFor(urlEqualTo("/v2/images/" + ID)).withoutHeader("X-Trace-Id"));
    }

    @Test
    void viewUsesItsCallTimeoutAndTheOriginalKeepsItsOwn() {
        wm.stubFor(get("/v2/images/" + ID).willReturn(okJson(transcript("image-active.json"))
                .withFixedDelay(1_500)));
        ImageServiceV2 hurried = images.withOptions(CallOptions.builder().callTimeout(Duration.ofMillis(500)).build());

        assertThatThrownBy(() -> hurried.get(ID)).isInstanceOf(CallTimeoutException.class)
                .hasMessageStartingWith("get image: no answer within the call timeout of 0.5 s (1 attempt, ");
        assertThat(images.get(ID).id()).isEqualTo(ID);
    }

    @Test
    void aBodyThatDribblesIsCutAtTheCallsDeadlineNotAfterAnotherRequestTimeout() {
        wm.stubFor(get("/v2/images/" + ID).willReturn(okJson(transcript("image-active.json"))
                .withFixedDelay(1_800).withChunkedDribbleDelay(20, 8_000))); // headers at 1.8 s, the body over 8 s
        ImageServiceV2 hurried = images.withOptions(CallOptions.builder().callTimeout(Duration.ofSeconds(2)).build());
        long start = System.nanoTime();

        assertThatThrownBy(() -> hurried.get(ID)).isInstanceOf(CallTimeoutException.class);

        // Not 1.8 s + another 2 s for the body: the body gets what remains of the call.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void viewUsesItsAttemptTimeoutForEachAttempt() {
        wm.stubFor(get("/v2/images/" + ID).willReturn(okJson(transcript("image-active.json"))
                .withFixedDelay(1_500)));
        ImageServiceV2 view = images.withOptions(CallOptions.builder().attemptTimeout(Duration.ofMillis(300))
                .maxAttempts(2).build());

        assertThatThrownBy(() -> view.get(ID)).isInstanceOf(dev.imagesdk.exception.TransportException.class)
                .isNotInstanceOf(CallTimeoutException.class);
        wm.verify(2, getRequestedFor(urlEqualTo("/v2/images/" + ID)));
    }

    @Test
    void closingTheViewLeavesTheOriginalUsable() {
        ImageServiceV2 view = images.withOptions(CallOptions.builder().header("X-Trace-Id", "t").build());

        view.close();

        assertThat(images.get(ID).id()).isEqualTo(ID);
    }

    @Test
    void viewOfAViewCombinesBothOptions() {
        ImageServiceV2 view = images.withOptions(CallOptions.builder().header("X-A", "1").build())
                .withOptions(CallOptions.builder().header("X-B", "2").build());

        view.get(ID);

        wm.verify(1, getRequestedFor(urlEqualTo("/v2/images/" + ID)).withHeader("X-A", equalTo("1"))
                .withHeader("X-B", equalTo("2")));
    }

    @Test
    void headersThatWouldOverrideTheTokenOrSplitTheRequestAreRefused() {
        assertThatThrownBy(() -> CallOptions.builder().header("X-Auth-Token", "stolen"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("X-Auth-Token");
        assertThatThrownBy(() -> CallOptions.builder().header("X-Evil", "a\r\nX-Auth-Token: b"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("X-Evil")
                .hasMessageNotContaining("X-Auth-Token: b");
        assertThatThrownBy(() -> CallOptions.builder().header("X-Trace", "caf\u00e9-\u20ac"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("X-Trace")
                .hasMessageContaining("U+00E9").hasMessageNotContaining("caf");
        assertThatThrownBy(() -> CallOptions.builder().header("X-Big", "x".repeat(1 << 20) + "\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("X-Big");
        assertThatThrownBy(() -> CallOptions.builder().header("X-%2F/..", "v"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("X-%2F/..");
        assertThatThrownBy(() -> CallOptions.builder().header("Bad Name", "v"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Bad Name");
        assertThatThrownBy(() -> images.withOptions(null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("options");
    }
}
