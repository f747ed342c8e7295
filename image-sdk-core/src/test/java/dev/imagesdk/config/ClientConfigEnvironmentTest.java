package dev.imagesdk.config;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.exception.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientConfigEnvironmentTest {

    @TempDir
    Path dir;

    private ClientConfig load(Map<String, String> env) {
        return ClientConfig.fromEnvironment(env, List.of(dir.resolve("cwd"), dir.resolve("user"), dir.resolve("site")));
    }

    private static Map<String, String> v3Env() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", "https://keystone.example:5000/v3");
        env.put("OS_USERNAME", "demo");
        env.put("OS_PASSWORD", "s3cr3t-pw");
        env.put("OS_PROJECT_NAME", "demo-project");
        env.put("OS_USER_DOMAIN_NAME", "Default");
        env.put("OS_PROJECT_DOMAIN_NAME", "ProjDomain");
        return env;
    }

    private void assertFailsNaming(Map<String, String> env, String setting) {
        assertThatThrownBy(() -> load(env))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).contains(setting))
                .hasMessageContaining(setting);
    }

    @Test
    void readsV3PasswordFromOsVariables() {
        ClientConfig c = load(v3Env());
        assertThat(c.authUrl()).isEqualTo(URI.create("https://keystone.example:5000/v3"));
        assertThat(c.auth()).isInstanceOf(AuthMethod.V3Password.class);
        AuthMethod.V3Password p = (AuthMethod.V3Password) c.auth();
        assertThat(p.username()).isEqualTo("demo");
        assertThat(p.password()).isEqualTo("s3cr3t-pw");
        assertThat(p.userDomainName()).isEqualTo("Default");
        assertThat(p.scope().projectName()).isEqualTo("demo-project");
        assertThat(p.scope().domainName()).isEqualTo("ProjDomain");
        assertThat(c.endpointInterface()).isEqualTo(Interface.PUBLIC);
        assertThat(c.apiVersion()).isEmpty();
        assertThat(c.insecure()).isFalse();
    }

    @Test
    void projectDomainDefaultsToUserDomain() {
        Map<String, String> env = v3Env();
        env.remove("OS_PROJECT_DOMAIN_NAME");
        AuthMethod.V3Password p = (AuthMethod.V3Password) load(env).auth();
        assertThat(p.scope().domainName()).isEqualTo("Default");
    }

    @Test
    void projectIdScopesTheTokenById() {
        Map<String, String> env = v3Env();
        env.remove("OS_PROJECT_NAME");
        env.put("OS_PROJECT_ID", "e9462ccea8e0460ba5486383f6cc15bf");
        AuthMethod.V3Password p = (AuthMethod.V3Password) load(env).auth();
        assertThat(p.scope().projectId()).isEqualTo("e9462ccea8e0460ba5486383f6cc15bf");
        assertThat(p.scope().projectName()).isNull();
    }

    @Test
    void seedEnvironmentGivesKeystoneV2WithTenantName() {
        // The seed 004 .glancerc, verbatim values.
        Map<String, String> env = new HashMap<>();
        env.put("OS_USERNAME", "me@example.com");
        env.put("OS_TENANT_NAME", "me@example.com");
        env.put("OS_PASSWORD", "Pa$$w0rd");
        env.put("OS_AUTH_URL", "https://region-b.geo-1.identity.hpcloudsvc.com:35357/v2.0");
        env.put("OS_AUTH_STRATEGY", "keystone");
        env.put("OS_REGION_NAME", "region-b.geo-1");
        env.put("OS_IMAGE_URL", "https://region-b.geo-1.images.hpcloudsvc.com:443");
        ClientConfig c = load(env);
        assertThat(c.auth()).isInstanceOf(AuthMethod.V2Password.class);
        AuthMethod.V2Password p = (AuthMethod.V2Password) c.auth();
        assertThat(p.username()).isEqualTo("me@example.com");
        assertThat(p.tenantName()).isEqualTo("me@example.com");
        assertThat(p.password()).isEqualTo("Pa$$w0rd");
        assertThat(c.regionName()).contains("region-b.geo-1");
        assertThat(c.imageEndpoint()).contains(URI.create("https://region-b.geo-1.images.hpcloudsvc.com:443"));
    }

    @Test
    void tenantNameIsAnAliasOfProjectName() {
        Map<String, String> env = v3Env();
        env.remove("OS_PROJECT_NAME");
        env.put("OS_TENANT_NAME", "legacy");
        AuthMethod.V3Password p = (AuthMethod.V3Password) load(env).auth();
        assertThat(p.scope().projectName()).isEqualTo("legacy");
    }

    @Test
    void projectNameContradictingTenantNameIsAnError() {
        Map<String, String> env = v3Env();
        env.put("OS_TENANT_NAME", "other");
        assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("OS_TENANT_NAME").hasMessageContaining("OS_PROJECT_NAME");
        env.put("OS_TENANT_NAME", "demo-project");
        assertThat(load(env).auth()).isInstanceOf(AuthMethod.V3Password.class);
    }

    @Test
    void applicationCredentialIsInferredFromItsVariables() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", "https://keystone.example:5000");
        env.put("OS_APPLICATION_CREDENTIAL_ID", "ac-id-1");
        env.put("OS_APPLICATION_CREDENTIAL_SECRET", "ac-secret-value");
        ClientConfig c = load(env);
        assertThat(c.auth()).isEqualTo(new AuthMethod.V3ApplicationCredential("ac-id-1", "ac-secret-value"));
        env.put("OS_AUTH_TYPE", "v3applicationcredential");
        assertThat(load(env).auth()).isInstanceOf(AuthMethod.V3ApplicationCredential.class);
    }

    @Test
    void applicationCredentialWithoutSecretNamesTheVariable() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", "https://keystone.example:5000");
        env.put("OS_AUTH_TYPE", "v3applicationcredential");
        env.put("OS_APPLICATION_CREDENTIAL_ID", "ac-id-1");
        assertFailsNaming(env, "OS_APPLICATION_CREDENTIAL_SECRET");
    }

    @Test
    void authTokenWithImageUrlIsAStaticToken() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_TOKEN", "static-token-value");
        env.put("OS_IMAGE_URL", "http://glance.example:9292");
        ClientConfig c = load(env);
        assertThat(c.auth()).isEqualTo(new AuthMethod.StaticToken("static-token-value"));
        assertThat(c.authUrl()).isNull();
        assertThat(c.imageEndpoint()).contains(URI.create("http://glance.example:9292"));
    }

    @Test
    void authTokenWithAuthUrlIsKeystoneTokenAuth() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_TOKEN", "existing-token");
        env.put("OS_AUTH_URL", "https://keystone.example:5000/v3");
        env.put("OS_PROJECT_ID", "p1");
        AuthMethod.V3Token t = (AuthMethod.V3Token) load(env).auth();
        assertThat(t.token()).isEqualTo("existing-token");
        assertThat(t.scope().projectId()).isEqualTo("p1");
    }

    @Test
    void authTokenAlongsidePasswordIsAContradiction() {
        Map<String, String> env = v3Env();
        env.put("OS_AUTH_TOKEN", "existing-token");
        assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("OS_AUTH_TOKEN").hasMessageContaining("OS_PASSWORD")
                .hasMessageContaining("OS_AUTH_TYPE");
        env.put("OS_AUTH_TYPE", "password");
        assertThat(load(env).auth()).isInstanceOf(AuthMethod.V3Password.class);
    }

    @Test
    void authTypeNoneRequiresTheImageUrl() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_TYPE", "none");
        assertFailsNaming(env, "OS_IMAGE_URL");
        env.put("OS_IMAGE_URL", "http://127.0.0.1:9292");
        assertThat(load(env).auth()).isInstanceOf(AuthMethod.NoAuth.class);
    }

    @Test
    void authStrategyNoauthMeansNoAuthentication() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_STRATEGY", "noauth");
        env.put("OS_IMAGE_URL", "http://127.0.0.1:9292");
        assertThat(load(env).auth()).isInstanceOf(AuthMethod.NoAuth.class);
    }

    @Test
    void unknownAuthStrategyOrAuthTypeIsAnError() {
        Map<String, String> env = v3Env();
        env.put("OS_AUTH_STRATEGY", "kerberos");
        assertFailsNaming(env, "OS_AUTH_STRATEGY");
        env.remove("OS_AUTH_STRATEGY");
        env.put("OS_AUTH_TYPE", "saml2");
        assertFailsNaming(env, "OS_AUTH_TYPE");
    }

    @Test
    void authTypeV2PasswordSelectsKeystoneV2() {
        Map<String, String> env = v3Env();
        env.put("OS_AUTH_URL", "https://keystone.example:5000");
        env.put("OS_AUTH_TYPE", "v2password");
        assertThat(load(env).auth()).isInstanceOf(AuthMethod.V2Password.class);
    }

    @Test
    void regionAndInterfaceAreRead() {
        Map<String, String> env = v3Env();
        env.put("OS_REGION_NAME", "RegionTwo");
        env.put("OS_INTERFACE", "internalURL");
        ClientConfig c = load(env);
        assertThat(c.regionName()).contains("RegionTwo");
        assertThat(c.endpointInterface()).isEqualTo(Interface.INTERNAL);
        env.put("OS_INTERFACE", "backstage");
        assertFailsNaming(env, "OS_INTERFACE");
    }

    @Test
    void imageApiVersionPinsTheVersion() {
        Map<String, String> env = v3Env();
        env.put("OS_IMAGE_API_VERSION", "1");
        assertThat(load(env).apiVersion()).contains(ApiVersion.V1);
        env.put("OS_IMAGE_API_VERSION", "2");
        assertThat(load(env).apiVersion()).contains(ApiVersion.V2);
        env.put("OS_IMAGE_API_VERSION", "3");
        assertFailsNaming(env, "OS_IMAGE_API_VERSION");
    }

    @Test
    void imageUrlOverridesTheCatalog() {
        Map<String, String> env = v3Env();
        env.put("OS_IMAGE_URL", "http://glance.internal:9292/v2");
        assertThat(load(env).imageEndpoint()).contains(URI.create("http://glance.internal:9292/v2"));
        env.put("OS_IMAGE_URL", "not a url");
        assertFailsNaming(env, "OS_IMAGE_URL");
    }

    @Test
    void cacertMustBeAReadableFile() throws IOException {
        Map<String, String> env = v3Env();
        env.put("OS_CACERT", dir.resolve("missing.pem").toString());
        assertFailsNaming(env, "OS_CACERT");
        Path pem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        env.put("OS_CACERT", pem.toString());
        assertThat(load(env).caCert()).contains(pem);
    }

    @Test
    void insecureIsABoolean() {
        Map<String, String> env = v3Env();
        env.put("OS_INSECURE", "true");
        assertThat(load(env).insecure()).isTrue();
        env.put("OS_INSECURE", "false");
        assertThat(load(env).insecure()).isFalse();
        env.put("OS_INSECURE", "perhaps");
        assertFailsNaming(env, "OS_INSECURE");
    }

    @Test
    void missingSettingsAreNamed() {
        assertFailsNaming(new HashMap<>(), "OS_AUTH_URL");
        Map<String, String> env = v3Env();
        env.remove("OS_PASSWORD");
        assertFailsNaming(env, "OS_PASSWORD");
        env = v3Env();
        env.remove("OS_USER_DOMAIN_NAME");
        env.remove("OS_PROJECT_DOMAIN_NAME");
        assertFailsNaming(env, "OS_USER_DOMAIN_NAME");
        env = v3Env();
        env.remove("OS_AUTH_URL");
        assertFailsNaming(env, "OS_AUTH_URL");
        env = v3Env();
        env.remove("OS_PROJECT_NAME");
        assertFailsNaming(env, "OS_PROJECT_NAME");
        env = v3Env();
        env.put("OS_AUTH_URL", "keystone.example:5000");
        assertFailsNaming(env, "OS_AUTH_URL");
    }

    @Test
    void v3MethodWithAV2AuthUrlIsAContradiction() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", "https://keystone.example:5000/v2.0");
        env.put("OS_APPLICATION_CREDENTIAL_ID", "id");
        env.put("OS_APPLICATION_CREDENTIAL_SECRET", "secret");
        assertFailsNaming(env, "OS_AUTH_URL");
    }

    @Test
    void secretsNeverAppearInToStringOrErrors() {
        Map<String, String> env = v3Env();
        ClientConfig c = load(env);
        assertThat(c.toString()).doesNotContain("s3cr3t-pw").contains("***");
        env.put("OS_AUTH_TOKEN", "tok-value-123");
        env.put("OS_TOKEN", "tok-value-456");
        assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tok-value").doesNotContain("s3cr3t-pw"));
    }

    // ---- clouds.yaml ----

    private Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static final String CLOUDS = "clouds:\n"
            + "  mycloud:\n"
            + "    auth:\n"
            + "      auth_url: https://keystone.example:5000/v3\n"
            + "      username: yaml-user\n"
            + "      project_name: yaml-project\n"
            + "      user_domain_name: Default\n"
            + "    region_name: RegionOne\n"
            + "    interface: internal\n"
            + "    image_api_version: 2\n"
            + "  other:\n"
            + "    auth:\n"
            + "      auth_url: https://other.example/v3\n";

    @Test
    void cloudsYamlAndSecureYamlAreMerged() throws IOException {
        write(dir.resolve("user/clouds.yaml"), CLOUDS);
        write(dir.resolve("user/secure.yaml"), "clouds:\n  mycloud:\n    auth:\n      password: from-secure-yaml\n");
        ClientConfig c = load(Map.of("OS_CLOUD", "mycloud"));
        AuthMethod.V3Password p = (AuthMethod.V3Password) c.auth();
        assertThat(p.username()).isEqualTo("yaml-user");
        assertThat(p.password()).isEqualTo("from-secure-yaml");
        assertThat(p.scope().projectName()).isEqualTo("yaml-project");
        assertThat(c.regionName()).contains("RegionOne");
        assertThat(c.regionNameSetting()).isEqualTo("clouds.mycloud.region_name");
        assertThat(c.endpointInterface()).isEqualTo(Interface.INTERNAL);
        assertThat(c.apiVersion()).contains(ApiVersion.V2);
        assertThat(c.toBuilder().regionName("RegionTwo").build().regionNameSetting())
                .isEqualTo("ClientConfig.Builder.regionName(...)");
    }

    @Test
    void osVariablesOverrideCloudsYaml() throws IOException {
        write(dir.resolve("cwd/clouds.yaml"), CLOUDS);
        Map<String, String> env = new HashMap<>();
        env.put("OS_CLOUD", "mycloud");
        env.put("OS_PASSWORD", "from-env");
        env.put("OS_REGION_NAME", "RegionTwo");
        ClientConfig c = load(env);
        assertThat(((AuthMethod.V3Password) c.auth()).password()).isEqualTo("from-env");
        assertThat(c.regionName()).contains("RegionTwo");
        assertThat(c.regionNameSetting()).isEqualTo("OS_REGION_NAME");
    }

    @Test
    void missingKeyInCloudIsNamedWithItsCloudsYamlKey() throws IOException {
        write(dir.resolve("cwd/clouds.yaml"), CLOUDS);
        assertThatThrownBy(() -> load(Map.of("OS_CLOUD", "mycloud"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clouds.mycloud.auth.password").hasMessageContaining("OS_PASSWORD");
    }

    @Test
    void cloudsYamlSearchOrderIsExplicitFileThenCwdThenUserThenSite() throws IOException {
        String cloud = "clouds:\n  c:\n    auth_type: none\n    image_endpoint_override: http://%s:9292\n";
        write(dir.resolve("site/clouds.yaml"), String.format(cloud, "site"));
        assertThat(load(Map.of("OS_CLOUD", "c")).imageEndpoint()).contains(URI.create("http://site:9292"));
        write(dir.resolve("user/clouds.yml"), String.format(cloud, "user"));
        assertThat(load(Map.of("OS_CLOUD", "c")).imageEndpoint()).contains(URI.create("http://user:9292"));
        write(dir.resolve("cwd/clouds.yaml"), String.format(cloud, "cwd"));
        assertThat(load(Map.of("OS_CLOUD", "c")).imageEndpoint()).contains(URI.create("http://cwd:9292"));
        Path explicit = write(dir.resolve("elsewhere/my-clouds.yaml"), String.format(cloud, "explicit"));
        assertThat(load(Map.of("OS_CLOUD", "c", "OS_CLIENT_CONFIG_FILE", explicit.toString())).imageEndpoint())
                .contains(URI.create("http://explicit:9292"));
    }

    @Test
    void verifyFalseInCloudsYamlMeansInsecure() throws IOException {
        write(dir.resolve("cwd/clouds.yaml"),
                "clouds:\n  c:\n    auth_type: none\n    image_endpoint_override: http://g:9292\n    verify: false\n");
        assertThat(load(Map.of("OS_CLOUD", "c")).insecure()).isTrue();
    }

    @Test
    void unknownCloudListsTheCloudsFound() throws IOException {
        write(dir.resolve("cwd/clouds.yaml"), CLOUDS);
        assertThatThrownBy(() -> load(Map.of("OS_CLOUD", "nope"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("OS_CLOUD").hasMessageContaining("mycloud").hasMessageContaining("other");
    }

    @Test
    void osCloudWithoutAnyCloudsYamlIsAnError() {
        assertThatThrownBy(() -> load(Map.of("OS_CLOUD", "mycloud"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("OS_CLOUD").hasMessageContaining("no clouds.yaml");
    }
}
