package dev.imagesdk.internal.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.auth.Token;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.internal.log.Redactor;
import dev.imagesdk.exception.ImageSdkClientException;
import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.internal.http.CallSpec;
import dev.imagesdk.internal.http.ErrorMapper;
import dev.imagesdk.internal.http.FeignFactory;
import dev.imagesdk.internal.http.FeignResponses;
import feign.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Obtains a token from Keystone for one {@link AuthMethod}: {@code POST /v3/auth/tokens} (password,
 * application credential, token) or {@code POST /v2.0/tokens} (password + tenant). The call goes through
 * a {@link CallExecutor} without a token, so it is retried like any idempotent call (issuing a token is
 * harmless to repeat) and its failures are typed (a refused password is an
 * {@link dev.imagesdk.exception.UnauthorizedException}).
 *
 * <p>An auth URL that does not lead to Keystone's identity API (an answer of 404 or 405, or a 2xx page that is
 * not JSON, such as the dashboard's HTML) is a {@link ConfigurationException} naming {@code OS_AUTH_URL},
 * the URL given, the request sent and what the URL should look like; not a {@code NotFoundException}, which
 * would read like a missing image, nor an {@code UnauthorizedException}, which would send the user to check a
 * password that was never looked at. It is not retried: the same URL gives the same answer.
 */
public final class KeystoneAuthenticator implements Supplier<Token> {

    private static final Logger LOG = LoggerFactory.getLogger(KeystoneAuthenticator.class);

    private final AuthMethod method;
    private final KeystoneApi api;
    private final CallExecutor executor;
    private final ObjectMapper json;
    private final ErrorMapper errors;
    private final String baseUrl;
    /** The auth URL as the caller gave it (user-info and secrets masked), for messages. */
    private final String shownAuthUrl;

    /**
     * @param executor an executor without a token provider
     */
    public KeystoneAuthenticator(AuthMethod method, URI authUrl, FeignFactory feign, CallExecutor executor,
                                 ObjectMapper json, ErrorMapper errors) {
        if (!method.usesKeystone()) {
            throw new IllegalArgumentException(method.getClass().getSimpleName() + " does not use Keystone");
        }
        this.method = method;
        this.executor = executor;
        this.json = json;
        this.errors = errors;
        this.baseUrl = versionedBase(Redactor.withoutUserInfo(authUrl), method instanceof AuthMethod.V2Password);
        this.shownAuthUrl = Redactor.url(Redactor.withoutUserInfo(authUrl).toString());
        this.api = feign.create(KeystoneApi.class, baseUrl);
    }

    /** The identity endpoint with its version: {@code .../v3} or {@code .../v2.0}, appended when absent. */
    static String versionedBase(URI authUrl, boolean v2) {
        String url = authUrl.toString().replaceAll("/+$", "");
        boolean endsV2 = url.endsWith("/v2.0");
        boolean endsV3 = url.endsWith("/v3");
        if (v2) {
            if (endsV3) {
                throw new ConfigurationException("OS_AUTH_URL (auth_url)",
                        "ends in /v3 but Keystone v2.0 password authentication was chosen");
            }
            return endsV2 ? url : url + "/v2.0";
        }
        if (endsV2) {
            throw new ConfigurationException("OS_AUTH_URL (auth_url)",
                    "ends in /v2.0 but a Keystone v3 authentication method was chosen");
        }
        return endsV3 ? url : url + "/v3";
    }

    @Override
    public Token get() {
        Token token = executor.execute(CallSpec.idempotent("keystone.issueToken", "POST"),
                ignored -> method instanceof AuthMethod.V2Password ? requestV2() : requestV3());
        LOG.debug("Obtained a Keystone token from {} (expires {}, {} catalog endpoints)", Redactor.url(baseUrl),
                token.expiresAt().map(Object::toString).orElse("unknown"), token.catalog().endpoints().size());
        return token;
    }

    private Token requestV3() throws Exception {
        try (Response response = FeignResponses.requireSuccess(notKeystone(api.v3Tokens(v3Body()), "/auth/tokens"),
                errors)) {
            String subject = FeignResponses.headers(response).getOrDefault("X-Subject-Token", java.util.List.of())
                    .stream().findFirst().orElse(null);
            JsonNode body = json.readTree(FeignResponses.body(response));
            if (body == null || !body.has("token")) {
                throw new ImageSdkClientException("Keystone v3 answered without a token document");
            }
            return TokenParser.v3(subject, body);
        }
    }

    private Token requestV2() throws java.io.IOException {
        try (Response response = FeignResponses.requireSuccess(notKeystone(api.v2Tokens(v2Body()), "/tokens"),
                errors)) {
            JsonNode body = json.readTree(FeignResponses.body(response));
            if (body == null || !body.has("access")) {
                throw new ImageSdkClientException("Keystone v2.0 answered without an access document");
            }
            return TokenParser.v2(body);
        }
    }

    /**
     * The response, unless it shows that the auth URL does not lead to Keystone's identity API: then the
     * {@link ConfigurationException} saying so (the response is closed).
     */
    private Response notKeystone(Response response, String path) {
        int status = response.status();
        String type = FeignResponses.headers(response).getOrDefault("Content-Type", java.util.List.of())
                .stream().findFirst().orElse("");
        // A typed answer that is not JSON (an untyped one is left to the JSON parser, as before).
        boolean page = status >= 200 && status < 300 && !type.isEmpty()
                && !type.toLowerCase(java.util.Locale.ROOT).contains("json");
        if (status != 404 && status != 405 && !page) {
            return response;
        }
        response.close();
        boolean v2 = method instanceof AuthMethod.V2Password;
        String answer = page ? status + " with a page that is not JSON" + (type.isEmpty() ? "" : " (" + type + ")")
                : String.valueOf(status);
        throw new ConfigurationException("OS_AUTH_URL (auth_url)", "Keystone at " + shownAuthUrl + " answered "
                + answer + " to POST " + Redactor.url(baseUrl) + path + ": the auth URL looks wrong; it should be "
                + "Keystone's identity API, ending in " + (v2 ? "/v2.0" : "/v3 (or /v2.0)") + ", e.g. "
                + example(v2));
    }

    /** The auth URL's scheme, host and port with the identity API's version: what such a URL usually is. */
    private String example(boolean v2) {
        URI u = URI.create(baseUrl);
        return u.getScheme() + "://" + u.getRawAuthority() + (v2 ? "/v2.0" : "/v3");
    }

    private JsonNode v3Body() {
        ObjectNode root = json.createObjectNode();
        ObjectNode auth = root.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        ArrayNode methods = identity.putArray("methods");
        AuthMethod.ProjectScope scope = null;
        if (method instanceof AuthMethod.V3Password) {
            AuthMethod.V3Password p = (AuthMethod.V3Password) method;
            methods.add("password");
            ObjectNode user = identity.putObject("password").putObject("user");
            if (p.userId() != null) {
                user.put("id", p.userId());
            } else {
                user.put("name", p.username());
                domain(user, p.userDomainName(), p.userDomainId());
            }
            user.put("password", p.password());
            scope = p.scope();
        } else if (method instanceof AuthMethod.V3ApplicationCredential) {
            AuthMethod.V3ApplicationCredential a = (AuthMethod.V3ApplicationCredential) method;
            methods.add("application_credential");
            ObjectNode cred = identity.putObject("application_credential");
            cred.put("id", a.id());
            cred.put("secret", a.secret());
        } else if (method instanceof AuthMethod.V3Token) {
            AuthMethod.V3Token t = (AuthMethod.V3Token) method;
            methods.add("token");
            identity.putObject("token").put("id", t.token());
            scope = t.scope();
        }
        if (scope != null) {
            ObjectNode project = auth.putObject("scope").putObject("project");
            if (scope.projectId() != null) {
                project.put("id", scope.projectId());
            } else {
                project.put("name", scope.projectName());
                domain(project, scope.domainName(), scope.domainId());
            }
        }
        return root;
    }

    private static void domain(ObjectNode owner, String name, String id) {
        ObjectNode domain = owner.putObject("domain");
        if (id != null) {
            domain.put("id", id);
        } else {
            domain.put("name", name);
        }
    }

    private JsonNode v2Body() {
        AuthMethod.V2Password p = (AuthMethod.V2Password) method;
        ObjectNode root = json.createObjectNode();
        ObjectNode auth = root.putObject("auth");
        ObjectNode creds = auth.putObject("passwordCredentials");
        creds.put("username", p.username());
        creds.put("password", p.password());
        if (p.tenantId() != null) {
            auth.put("tenantId", p.tenantId());
        } else if (p.tenantName() != null) {
            auth.put("tenantName", p.tenantName());
        }
        return root;
    }
}
