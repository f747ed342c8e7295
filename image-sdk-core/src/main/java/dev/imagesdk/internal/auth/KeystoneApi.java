package dev.imagesdk.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.RequestLine;
import feign.Response;

/** Keystone's token endpoints; the base URL is the versioned identity endpoint (.../v3 or .../v2.0). */
interface KeystoneApi {

    /** v3: the token is in {@code X-Subject-Token}, so the raw response is returned. */
    @RequestLine("POST /auth/tokens")
    @Headers({"Content-Type: application/json", "Accept: application/json"})
    Response v3Tokens(JsonNode body);

    /** v2.0: the raw response too, so that an answer that is no token document can be told apart. */
    @RequestLine("POST /tokens")
    @Headers({"Content-Type: application/json", "Accept: application/json"})
    Response v2Tokens(JsonNode body);
}
