package dev.imagesdk.internal.http;

import dev.imagesdk.exception.TransportException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words of {@link TransportFailures} on failures built by hand: secrets in the URL are masked, Keystone's
 * operations are named in words, v1 calls are not named twice, the cause keeps the transport's own exception.
 * (Each failure class on a real socket is pinned in image-sdk-v2's ActionableMessagesTest.)
 */
class TransportFailuresTest {

    @Test
    void userInfoAndSecretQueryValuesAreMaskedAndTheCauseIsTheTransportsOwn() {
        ConnectException refused = new ConnectException();
        TransportException e = TransportFailures.exception(CallSpec.idempotent("list images", "GET"),
                new ExchangeFailure("GET", URI.create("http://admin:pw123@glance:9292/v2/images?marker=1&auth_token=tok1"),
                        Duration.ofSeconds(60), Duration.ofSeconds(10), ExchangeFailure.NO_ANSWER, refused));

        assertThat(e).hasMessage("Could not reach the image service: GET http://glance:9292/v2/images?marker=1"
                + "&auth_token=*** (list images): connection refused");
        assertThat(e.getMessage()).doesNotContain("pw123").doesNotContain("tok1");
        assertThat(e.getCause()).isSameAs(refused);
    }

    @Test
    void keystoneOperationsAreNamedInWords() {
        TransportException e = TransportFailures.exception(CallSpec.idempotent("keystone.listProjects", "GET"),
                new ExchangeFailure("GET", URI.create("https://id.example/v3/auth/projects"), Duration.ofMillis(2500),
                        null, ExchangeFailure.NO_ANSWER, new HttpTimeoutException("request timed out")));

        assertThat(e).hasMessage("No answer from Keystone: GET https://id.example/v3/auth/projects (list projects): "
                + "timed out after 2.5 s");
    }

    @Test
    void v1CallsNamedByTheirRequestAreNotNamedTwice() {
        TransportException e = TransportFailures.exception(CallSpec.idempotent("v1 HEAD /v1/images/x", "HEAD"),
                new ExchangeFailure("HEAD", URI.create("http://glance:9292/v1/images/x"), null, null, 0,
                        new IOException("fixed content-length: 10, bytes received: 0",
                                new SocketException("Connection reset"))));

        assertThat(e).hasMessage("The connection to the image service failed: HEAD http://glance:9292/v1/images/x: "
                + "connection reset after 0 bytes of the answer's body");
    }

    @Test
    void aFailureWithoutItsRequestStillNamesTheOperationAndTheCause() {
        TransportException e = TransportFailures.exception(CallSpec.idempotent("get image", "GET"),
                new ConnectException("Connection refused"));

        assertThat(e).hasMessage("Could not reach the image service: GET (get image): connection refused");
    }
}
