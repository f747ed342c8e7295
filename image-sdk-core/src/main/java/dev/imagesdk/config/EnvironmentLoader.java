package dev.imagesdk.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagesdk.ApiVersion;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.log.Redactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code OS_CLOUD}/{@code clouds.yaml} and the {@code OS_*} variables into a {@link ClientConfig}.
 * Every setting remembers where it came from, so an error names the variable or the file key.
 *
 * <p>One file over 400 lines because it is one concept: the table of every {@code OS_*} variable and
 * {@code clouds.yaml} key, their precedence, and the one place their errors are worded.
 */
final class EnvironmentLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConfig.class);

    /** OS_* variable -> clouds.yaml key (auth.* keys and top-level keys share one namespace here). */
    private static final Map<String, String> ENV_KEYS = new LinkedHashMap<>();

    static {
        ENV_KEYS.put("OS_AUTH_URL", "auth_url");
        ENV_KEYS.put("OS_USERNAME", "username");
        ENV_KEYS.put("OS_USER_ID", "user_id");
        ENV_KEYS.put("OS_PASSWORD", "password");
        ENV_KEYS.put("OS_PROJECT_NAME", "project_name");
        ENV_KEYS.put("OS_TENANT_NAME", "tenant_name");
        ENV_KEYS.put("OS_PROJECT_ID", "project_id");
        ENV_KEYS.put("OS_TENANT_ID", "tenant_id");
        ENV_KEYS.put("OS_USER_DOMAIN_NAME", "user_domain_name");
        ENV_KEYS.put("OS_USER_DOMAIN_ID", "user_domain_id");
        ENV_KEYS.put("OS_PROJECT_DOMAIN_NAME", "project_domain_name");
        ENV_KEYS.put("OS_PROJECT_DOMAIN_ID", "project_domain_id");
        ENV_KEYS.put("OS_REGION_NAME", "region_name");
        ENV_KEYS.put("OS_INTERFACE", "interface");
        ENV_KEYS.put("OS_ENDPOINT_TYPE", "endpoint_type");
        ENV_KEYS.put("OS_AUTH_TYPE", "auth_type");
        ENV_KEYS.put("OS_APPLICATION_CREDENTIAL_ID", "application_credential_id");
        ENV_KEYS.put("OS_APPLICATION_CREDENTIAL_SECRET", "application_credential_secret");
        ENV_KEYS.put("OS_AUTH_TOKEN", "token");
        ENV_KEYS.put("OS_TOKEN", "token_alias");
        ENV_KEYS.put("OS_IMAGE_URL", "image_endpoint_override");
        ENV_KEYS.put("OS_IMAGE_API_VERSION", "image_api_version");
        ENV_KEYS.put("OS_IDENTITY_API_VERSION", "identity_api_version");
        ENV_KEYS.put("OS_CACERT", "cacert");
        ENV_KEYS.put("OS_INSECURE", "insecure");
        ENV_KEYS.put("OS_AUTH_STRATEGY", "auth_strategy");
    }

    private static final Set<String> SECRET_KEYS = Set.of("password", "application_credential_secret", "token",
            "token_alias");

    /** A value and where it came from ({@code OS_PASSWORD}, {@code clouds.mycloud.auth.password}). */
    private record Setting(String value, String source) {
    }

    private final Map<String, String> env;
    private final List<Path> dirs;
    private final Map<String, Setting> settings = new HashMap<>();
    private String cloudName;

    EnvironmentLoader(Map<String, String> env, List<Path> dirs) {
        this.env = env;
        this.dirs = dirs;
    }

    ClientConfig load() {
        String cloud = envValue("OS_CLOUD");
        if (cloud != null) {
            cloudName = cloud;
            readCloud(CloudsYaml.load(cloud, env, dirs));
        }
        for (Map.Entry<String, String> e : ENV_KEYS.entrySet()) {
            String v = envValue(e.getKey());
            if (v != null) {
                settings.put(e.getValue(), new Setting(v, e.getKey()));
            }
        }
        if (settings.isEmpty() && cloud == null) {
            throw new ConfigurationException("OS_AUTH_URL", "not set; set OS_CLOUD (with a clouds.yaml) or the "
                    + "OS_* variables (OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME, ...)");
        }
        alias("token", "token_alias");
        alias("project_name", "tenant_name");
        alias("project_id", "tenant_id");
        alias("interface", "endpoint_type");
        return build();
    }

    private void readCloud(CloudsYaml.Cloud cloud) {
        String prefix = "clouds." + cloud.name() + ".";
        Iterator<Map.Entry<String, JsonNode>> top = cloud.node().fields();
        while (top.hasNext()) {
            Map.Entry<String, JsonNode> e = top.next();
            if (e.getKey().equals("auth") && e.getValue().isObject()) {
                Iterator<Map.Entry<String, JsonNode>> auth = e.getValue().fields();
                while (auth.hasNext()) {
                    Map.Entry<String, JsonNode> a = auth.next();
                    putScalar(a.getKey(), a.getValue(), prefix + "auth." + a.getKey());
                }
            } else if (e.getKey().equals("verify") && e.getValue().isBoolean()) {
                settings.put("insecure", new Setting(String.valueOf(!e.getValue().asBoolean()), prefix + "verify"));
            } else if (e.getKey().equals("regions") && e.getValue().isArray() && e.getValue().size() == 1
                    && !cloud.node().has("region_name")) {
                JsonNode r = e.getValue().get(0);
                String region = r.isObject() ? r.path("name").asText(null) : r.asText(null);
                if (region != null) {
                    settings.put("region_name", new Setting(region, prefix + "regions"));
                }
            } else {
                putScalar(e.getKey(), e.getValue(), prefix + e.getKey());
            }
        }
    }

    private void putScalar(String key, JsonNode value, String source) {
        if (value != null && value.isValueNode() && !value.isNull()) {
            String text = value.asText();
            if (!text.isBlank()) {
                settings.put(key, new Setting(text.trim(), source));
            }
        }
    }

    private String envValue(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Folds {@code alias} into {@code key}; both set to different values is a contradiction. */
    private void alias(String key, String alias) {
        Setting a = settings.remove(alias);
        if (a == null) {
            return;
        }
        Setting k = settings.get(key);
        if (k == null) {
            settings.put(key, a);
        } else if (!k.value().equals(a.value())) {
            throw new ConfigurationException(a.source(), "contradicts " + k.source()
                    + (SECRET_KEYS.contains(key) ? "" : " (" + Redactor.refusedValue(a.value()) + " vs "
                    + Redactor.refusedValue(k.value()) + ")")
                    + "; set only one of them");
        }
    }

    private String get(String key) {
        Setting s = settings.get(key);
        return s == null ? null : s.value();
    }

    /** Where a key came from, or the name to set it by when it is missing. */
    private String source(String key) {
        Setting s = settings.get(key);
        if (s != null) {
            return s.source();
        }
        String envName = ENV_KEYS.entrySet().stream().filter(e -> e.getValue().equals(key))
                .map(Map.Entry::getKey).findFirst().orElse(key);
        String fileKey = key.equals("region_name") || key.equals("interface") || key.equals("auth_type")
                || key.equals("image_api_version") || key.equals("cacert") ? key : "auth." + key;
        return cloudName == null ? envName : envName + " (clouds." + cloudName + "." + fileKey + ")";
    }

    private ConfigurationException missing(String key, String why) {
        return new ConfigurationException(source(key), "not set; " + why);
    }

    private ClientConfig build() {
        ClientConfig.Builder b = ClientConfig.builder();
        AuthMethod auth = authMethod();
        b.auth(auth);
        if (auth.usesKeystone()) {
            b.authUrl(uri("auth_url"));
        }
        if (get("image_endpoint_override") != null) {
            b.imageEndpoint(uri("image_endpoint_override"));
        }
        b.regionName(get("region_name"), source("region_name"));
        if (get("interface") != null) {
            b.endpointInterface(Interface.parse(get("interface"), source("interface")));
        }
        if (get("image_api_version") != null) {
            b.apiVersion(apiVersion(get("image_api_version")));
        }
        boolean insecure = get("insecure") != null && bool("insecure");
        b.insecure(insecure);
        if (get("cacert") != null) {
            Path ca = Path.of(get("cacert"));
            if (!Files.isReadable(ca)) {
                throw new ConfigurationException(source("cacert"), Redactor.refusedValue(ca.toString()) + " is not a readable file");
            }
            if (insecure) {
                LOG.warn("{} is ignored because {} turns TLS verification off", source("cacert"), source("insecure"));
            } else {
                b.caCert(ca);
            }
        }
        try {
            return b.build();
        } catch (InvalidInputException e) {
            throw new ConfigurationException(e.field(), e.getMessage(), e);
        }
    }

    private enum Kind { PASSWORD, V2_PASSWORD, V3_PASSWORD, APPLICATION_CREDENTIAL, V3_TOKEN, STATIC_TOKEN, NONE }

    private Kind kind() {
        String strategy = get("auth_strategy");
        boolean noauthStrategy = false;
        if (strategy != null) {
            switch (strategy.toLowerCase(Locale.ROOT)) {
                case "keystone":
                    break;
                case "noauth":
                case "none":
                    noauthStrategy = true;
                    break;
                default:
                    throw new ConfigurationException(source("auth_strategy"),
                            Redactor.refusedValue(strategy) + " is not supported; use keystone or noauth");
            }
        }
        String type = get("auth_type");
        if (type != null) {
            Kind k = parseAuthType(type);
            if (noauthStrategy && k != Kind.NONE) {
                throw new ConfigurationException(source("auth_type"), Redactor.refusedValue(type) + " contradicts "
                        + source("auth_strategy") + "=noauth");
            }
            return k;
        }
        if (noauthStrategy) {
            return Kind.NONE;
        }
        if (get("application_credential_id") != null) {
            return Kind.APPLICATION_CREDENTIAL;
        }
        if (get("token") != null) {
            if (get("password") != null) {
                throw new ConfigurationException(source("token"), "and " + source("password")
                        + " are both set; set OS_AUTH_TYPE (auth_type) to password or token to choose");
            }
            if (get("image_endpoint_override") != null) {
                return Kind.STATIC_TOKEN; // the glance CLI's --os-auth-token + --os-image-url
            }
            if (get("auth_url") != null) {
                return Kind.V3_TOKEN;
            }
            throw missing("image_endpoint_override", "a token needs the image endpoint (OS_IMAGE_URL), or "
                    + "OS_AUTH_URL to exchange it at Keystone");
        }
        if (get("username") != null || get("user_id") != null || get("password") != null) {
            return Kind.PASSWORD;
        }
        if (get("auth_url") == null) {
            throw missing("auth_url", "set OS_CLOUD (with a clouds.yaml) or the OS_* variables");
        }
        throw missing("username", "no credentials found: set OS_USERNAME and OS_PASSWORD, "
                + "OS_APPLICATION_CREDENTIAL_ID and _SECRET, or OS_AUTH_TOKEN");
    }

    private Kind parseAuthType(String type) {
        switch (type.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "password": return Kind.PASSWORD;
            case "v2password": return Kind.V2_PASSWORD;
            case "v3password": return Kind.V3_PASSWORD;
            case "applicationcredential":
            case "v3applicationcredential": return Kind.APPLICATION_CREDENTIAL;
            case "token":
            case "v3token": return Kind.V3_TOKEN;
            case "admintoken":
            case "tokenendpoint": return Kind.STATIC_TOKEN;
            case "none":
            case "noauth": return Kind.NONE;
            default:
                throw new ConfigurationException(source("auth_type"), Redactor.refusedValue(type) + " is not supported; use "
                        + "password, v2password, v3password, v3applicationcredential, token, admin_token or none");
        }
    }

    private AuthMethod authMethod() {
        Kind kind = kind();
        if (kind == Kind.PASSWORD) {
            kind = keystoneV2() ? Kind.V2_PASSWORD : Kind.V3_PASSWORD;
        } else if ((kind == Kind.APPLICATION_CREDENTIAL || kind == Kind.V3_TOKEN || kind == Kind.V3_PASSWORD)
                && keystoneV2()) {
            throw new ConfigurationException(source(get("identity_api_version") != null
                    ? "identity_api_version" : "auth_url"), "selects Keystone v2.0, which does not support "
                    + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " authentication");
        }
        if (kind.ordinal() <= Kind.V3_TOKEN.ordinal() && get("auth_url") == null) {
            throw missing("auth_url", "Keystone authentication needs the identity endpoint");
        }
        boolean endpointGiven = get("image_endpoint_override") != null;
        switch (kind) {
            case V2_PASSWORD: {
                require("username", "Keystone v2.0 password authentication needs a user name");
                require("password", "Keystone v2.0 password authentication needs a password");
                if (get("project_name") == null && get("project_id") == null && !endpointGiven) {
                    throw missing("project_name", "Keystone v2.0 needs a tenant (OS_TENANT_NAME or OS_PROJECT_NAME) "
                            + "for a service catalog");
                }
                return new AuthMethod.V2Password(get("username"), get("password"), get("project_name"),
                        get("project_id"));
            }
            case V3_PASSWORD: {
                if (get("username") == null && get("user_id") == null) {
                    throw missing("username", "password authentication needs a user name (or OS_USER_ID)");
                }
                require("password", "password authentication needs a password");
                if (get("user_id") == null && get("user_domain_name") == null && get("user_domain_id") == null) {
                    throw missing("user_domain_name", "Keystone v3 needs the domain of user '" + get("username")
                            + "' (OS_USER_DOMAIN_NAME or OS_USER_DOMAIN_ID, e.g. Default)");
                }
                return new AuthMethod.V3Password(get("user_id"), get("username"), get("user_domain_name"),
                        get("user_domain_id"), get("password"), scope(endpointGiven));
            }
            case APPLICATION_CREDENTIAL:
                require("application_credential_id", "application credential authentication needs its id");
                require("application_credential_secret", "application credential authentication needs its secret");
                return new AuthMethod.V3ApplicationCredential(get("application_credential_id"),
                        get("application_credential_secret"));
            case V3_TOKEN:
                require("token", "token authentication needs a token (OS_AUTH_TOKEN)");
                return new AuthMethod.V3Token(get("token"), scope(endpointGiven));
            case STATIC_TOKEN:
                require("token", "a static token needs the token (OS_AUTH_TOKEN)");
                require("image_endpoint_override", "a static token needs the image endpoint (OS_IMAGE_URL)");
                return new AuthMethod.StaticToken(get("token"));
            case NONE:
                require("image_endpoint_override", "without authentication the image endpoint must be given");
                return new AuthMethod.NoAuth();
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** The v3 project scope; project domain defaults to the user's domain. Null when unscoped. */
    private AuthMethod.ProjectScope scope(boolean endpointGiven) {
        String id = get("project_id");
        String name = get("project_name");
        if (id == null && name == null) {
            if (endpointGiven) {
                return null;
            }
            throw missing("project_name", "a project (OS_PROJECT_NAME or OS_PROJECT_ID) is needed for a "
                    + "service catalog, unless OS_IMAGE_URL gives the endpoint");
        }
        if (id != null) {
            return AuthMethod.ProjectScope.byId(id);
        }
        String domainName = get("project_domain_name");
        String domainId = get("project_domain_id");
        if (domainName == null && domainId == null) {
            domainName = get("user_domain_name");
            domainId = get("user_domain_id");
        }
        if (domainName == null && domainId == null) {
            throw missing("project_domain_name", "Keystone v3 needs the domain of project '" + name + "'");
        }
        return new AuthMethod.ProjectScope(null, name, domainName, domainId);
    }

    private boolean keystoneV2() {
        String v = get("identity_api_version");
        boolean urlV2 = get("auth_url") != null && get("auth_url").replaceAll("/+$", "").endsWith("/v2.0");
        if (v == null) {
            return urlV2;
        }
        if (v.equals("2") || v.equals("2.0")) {
            return true;
        }
        if (v.equals("3") || v.startsWith("3.")) {
            if (urlV2) {
                throw new ConfigurationException(source("identity_api_version"), Redactor.refusedValue(v) + " contradicts "
                        + source("auth_url") + " which ends in /v2.0");
            }
            return false;
        }
        throw new ConfigurationException(source("identity_api_version"), Redactor.refusedValue(v) + " is not supported; use 2 or 3");
    }

    private void require(String key, String why) {
        if (get(key) == null) {
            throw missing(key, why);
        }
    }

    private URI uri(String key) {
        String v = get(key);
        try {
            URI u = URI.create(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(source(key), Redactor.refusedValue(v) + " is not an absolute http:// or https:// URL");
        }
    }

    private ApiVersion apiVersion(String v) {
        switch (v.trim().toLowerCase(Locale.ROOT).replaceFirst("^v", "")) {
            case "1":
            case "1.0":
            case "1.1":
                return ApiVersion.V1;
            default:
                if (v.trim().replaceFirst("^[vV]", "").matches("2(\\.\\d+)?")) {
                    return ApiVersion.V2;
                }
                throw new ConfigurationException(source("image_api_version"), Redactor.refusedValue(v) + " is not supported; use 1 or 2");
        }
    }

    private boolean bool(String key) {
        switch (get(key).toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on":
                return true;
            case "false": case "0": case "no": case "off":
                return false;
            default:
                throw new ConfigurationException(source(key), Redactor.refusedValue(get(key)) + " is not a boolean (true or false)");
        }
    }
}
