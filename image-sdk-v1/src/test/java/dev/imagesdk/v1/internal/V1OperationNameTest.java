package dev.imagesdk.v1.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * v1 operation names (logs, messages, listener events, metric tags) hold no caller value: ids, member ids
 * and tenants become {@code {id}}, so a metrics backend sees a fixed set of operations.
 */
class V1OperationNameTest {

    @Test
    void idsMembersAndTenantsAreReplacedAndTheApiWordsKept() {
        assertThat(ContextV1Http.operation(V1Request.of("GET", "/images/detail?limit=25")))
                .isEqualTo("v1 GET /images/detail");
        assertThat(ContextV1Http.operation(V1Request.of("HEAD", "/images/3f1c0c1e-aaaa-bbbb-cccc-0123456789ab")))
                .isEqualTo("v1 HEAD /images/{id}");
        assertThat(ContextV1Http.operation(V1Request.of("PUT", "/images/abc/members/tenant%2F1")))
                .isEqualTo("v1 PUT /images/{id}/members/{id}");
        assertThat(ContextV1Http.operation(V1Request.of("GET", "/shared-images/someone")))
                .isEqualTo("v1 GET /shared-images/{id}");
        assertThat(ContextV1Http.operation(V1Request.of("POST", "/images"))).isEqualTo("v1 POST /images");
    }
}
