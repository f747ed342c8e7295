package dev.imagesdk.internal.http;

import dev.imagesdk.internal.log.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.exception.ImageServiceException;
import feign.Headers;
import feign.RequestLine;
import feign.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chooses the image API version: {@code GET /} on the endpoint's root answers 300 (or 200) with a
 * {@code versions} list; the highest CURRENT or SUPPORTED v2.x wins when a v2 implementation is
 * available, else v1. The request needs no token.
 */
public final class VersionDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(VersionDiscovery.class);
    private static final Pattern VERSION_SUFFIX = Pattern.compile("/v\\d+(\\.\\d+)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENDPOINT_VERSION = Pattern.compile("/v(\\d+)(?:\\.\\d+)?/*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSION_ID = Pattern.compile("v?(\\d+)(?:\\.(\\d+))?", Pattern.CASE_INSENSITIVE);

    /** The choice: the API version, and the server's id for it (e.g. {@code v2.16}) when discovered. */
    public record Result(ApiVersion apiVersion, String versionId) {
    }

    interface VersionsApi {
        @RequestLine("GET /")
        @Headers("Accept: application/json")
        Response versions();
    }

    private final FeignFactory feign;
    private final CallExecutor executor;
    private final ErrorMapper errors;
    private final ObjectMapper json;

    /**
     * @param executor an executor without a token provider (discovery is unauthenticated)
     */
    public VersionDiscovery(FeignFactory feign, CallExecutor executor, ErrorMapper errors, ObjectMapper json) {
        this.feign = feign;
        this.executor = executor;
        this.errors = errors;
        this.json = json;
    }

    /** The endpoint without a trailing version segment or slash: {@code http://h:9292/v2/} -> {@code http://h:9292}. */
    public static URI root(URI endpoint) {
        String s = endpoint.toString().replaceAll("/+$", "");
        s = VERSION_SUFFIX.matcher(s).replaceFirst("");
        return URI.create(s.replaceAll("/+$", ""));
    }

    /**
     * The version an endpoint URL names: its path ends in {@code /v2} or {@code /v1} (optionally
     * {@code .minor} and a trailing slash), as an endpoint registered with its version does; empty when
     * it names none or the named version is not in {@code available} (then discovery decides).
     *
     * @param endpoint the image endpoint as configured or found in the catalog
     * @param available the versions for which an implementation is on the classpath
     * @return the named version, if any and available
     */
    public static Optional<ApiVersion> fromEndpoint(URI endpoint, Set<ApiVersion> available) {
        Matcher m = ENDPOINT_VERSION.matcher(Optional.ofNullable(endpoint.getPath()).orElse(""));
        if (!m.find()) {
            return Optional.empty();
        }
        ApiVersion named = m.group(1).equals("2") ? ApiVersion.V2 : m.group(1).equals("1") ? ApiVersion.V1 : null;
        return named != null && available.contains(named) ? Optional.of(named) : Optional.empty();
    }

    /**
     * @param available the versions for which an implementation is on the classpath (not empty)
     * @throws ImageSdkClientException if the service offers none of them
     */
    public Result discover(URI endpoint, Set<ApiVersion> available) {
        return discover(endpoint, available, "image endpoint");
    }

    /**
     * As {@link #discover(URI, Set)}. An endpoint whose root answers 404 or a page that is not JSON (e.g. a web
     * server's HTML) is not Glance's: without a version in the endpoint's path that is a
     * {@link ConfigurationException} naming {@code setting}, the endpoint and what was expected; with one
     * (e.g. {@code .../v2}, behind a proxy that hides the root), the version is taken from the path, as for
     * any other failed discovery, and a warning says the same.
     *
     * @param setting where the endpoint came from, for messages (e.g. {@code OS_IMAGE_URL}, service catalog)
     */
    public Result discover(URI endpoint, Set<ApiVersion> available, String setting) {
        URI root = root(endpoint);
        List<String[]> versions;
        try {
            versions = fetch(root);
        } catch (NotGlance e) {
            String what = "the image endpoint " + Redactor.url(endpoint.toString()) + " answered " + e.answer
                    + " to GET " + Redactor.url(root.toString()) + "/ (API version discovery): it does not look like "
                    + "Glance; expected its versions document (300 with a JSON 'versions' list) at the endpoint's "
                    + "root, e.g. http://glance.example:9292 or https://cloud.example/image";
            if (!VERSION_SUFFIX.matcher(endpoint.toString().replaceAll("/+$", "")).find()) {
                throw new ConfigurationException(setting, what);
            }
            ApiVersion guess = guess(endpoint, available);
            LOG.warn("{}: {}; using {} from the endpoint's path", setting, what, guess);
            return new Result(guess, null);
        } catch (ImageServiceException e) {
            // Some proxies do not expose the version document: fall back on the URL, then on what we have.
            ApiVersion guess = guess(endpoint, available);
            LOG.warn("Version discovery on {} failed ({}); using {}", Redactor.url(root.toString()), e.getMessage(), guess);
            return new Result(guess, null);
        }
        List<String> offered = new ArrayList<>();
        String bestV2 = null;
        int bestMinor = -1;
        String v1 = null;
        for (String[] v : versions) {
            offered.add(v[0] + " " + v[1]);
            Matcher m = VERSION_ID.matcher(v[0]);
            String status = v[1].toUpperCase(Locale.ROOT);
            if (!m.matches()) {
                continue;
            }
            int major = Integer.parseInt(m.group(1));
            int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            boolean usable = status.equals("CURRENT") || status.equals("SUPPORTED");
            if (major == 2 && usable && minor > bestMinor) {
                bestMinor = minor;
                bestV2 = v[0];
            } else if (major == 1 && (usable || status.equals("DEPRECATED")) && v1 == null) {
                v1 = v[0];
            }
        }
        if (bestV2 != null && available.contains(ApiVersion.V2)) {
            return new Result(ApiVersion.V2, bestV2);
        }
        if (v1 != null && available.contains(ApiVersion.V1)) {
            return new Result(ApiVersion.V1, v1);
        }
        String missing = bestV2 != null ? "image-sdk-v2" : v1 != null ? "image-sdk-v1" : null;
        throw new ImageSdkClientException("The image service at " + root + " offers " + offered
                + (missing == null ? ", none of which this SDK supports"
                : " but the module for it is not on the classpath: add " + missing));
    }

    private List<String[]> fetch(URI root) {
        VersionsApi api = feign.create(VersionsApi.class, root.toString());
        return executor.execute(CallSpec.idempotent("image.versions", "GET"), ignored -> {
            try (Response r = api.versions()) {
                String type = FeignResponses.headers(r).getOrDefault("Content-Type", List.of()).stream().findFirst()
                        .orElse("");
                if (r.status() == 404) {
                    throw new NotGlance("404");
                }
                if (r.status() != 300 && (r.status() < 200 || r.status() >= 300)) {
                    throw FeignResponses.toException(r, errors);
                }
                byte[] body = FeignResponses.body(r);
                if (!type.toLowerCase(Locale.ROOT).contains("json")
                        && !new String(body, java.nio.charset.StandardCharsets.UTF_8).strip().startsWith("{")) {
                    throw new NotGlance(r.status() + " with a page that is not JSON"
                            + (type.isEmpty() ? "" : " (" + type + ")"));
                }
                JsonNode doc = json.readTree(body);
                List<String[]> out = new ArrayList<>();
                for (JsonNode v : doc.path("versions")) {
                    String id = v.path("id").asText(null);
                    if (id != null) {
                        out.add(new String[] {id, v.path("status").asText("")});
                    }
                }
                if (out.isEmpty()) {
                    throw new ImageServiceException(r.status(), "no 'versions' list in the answer", null);
                }
                return out;
            }
        });
    }

    /** The endpoint's root answered, but not as Glance: 404 or a page that is not JSON. Never retried. */
    private static final class NotGlance extends ImageSdkClientException {
        private static final long serialVersionUID = 1L;
        final String answer;

        NotGlance(String answer) {
            super("not Glance: " + answer);
            this.answer = answer;
        }
    }

    private static ApiVersion guess(URI endpoint, Set<ApiVersion> available) {
        String path = Optional.ofNullable(endpoint.getPath()).orElse("");
        if (path.matches(".*/v1(\\.\\d+)?/?$") && available.contains(ApiVersion.V1)) {
            return ApiVersion.V1;
        }
        if (path.matches(".*/v2(\\.\\d+)?/?$") && available.contains(ApiVersion.V2)) {
            return ApiVersion.V2;
        }
        return available.contains(ApiVersion.V2) ? ApiVersion.V2 : ApiVersion.V1;
    }
}
