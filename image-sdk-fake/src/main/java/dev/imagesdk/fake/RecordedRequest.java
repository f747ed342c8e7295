package dev.imagesdk.fake;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the fake answered, as kept in its journal. Token headers are redacted.
 *
 * @param time      when it arrived (the fake's clock)
 * @param method    HTTP method
 * @param path      request path
 * @param query     raw query string or null
 * @param headers   request headers (lower-case names; {@code x-auth-token} and
 *                  {@code x-subject-token} values replaced by {@code ***})
 * @param operation the operation it was routed to
 * @param status    the status answered (0 if the connection was dropped)
 * @param requestId the {@code x-openstack-request-id} answered, or null
 */
public record RecordedRequest(Instant time, String method, String path, String query,
        Map<String, List<String>> headers, Operation operation, int status, String requestId) {
}
