package dev.imagesdk;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.exception.ConfigurationException;
import dev.imagesdk.exception.ImageSdkException;
import dev.imagesdk.exception.InvalidInputException;
import dev.imagesdk.internal.http.ClientContext;
import dev.imagesdk.testsupport.CapturingProvider;
import dev.imagesdk.testsupport.KeystoneFixtures;
import dev.imagesdk.testsupport.RecordingSleeper;
import dev.imagesdk.testsupport.WireMocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 16, item 3: a password inside a URL ({@code http://user:secret@host}) appeared in
 * {@code ClientConfig.toString()}, the service's description, {@code InvalidInputException} and
 * {@code ConfigurationException} messages (also from clouds.yaml) and the DEBUG line "Obtained a Keystone token
 * from ..."; a password put in the wrong variable was echoed ({@code OS_INSECURE: 'demopass' is not a boolean}).
 * Each path is fed such a secret; the secret must appear nowhere (message, stack trace, toString, log).
 */
class SecretInUrlRedactionTest {

    private static final String SECRET = "secret";
    private static final String MISPLACED = "demopass";

    @TempDir
    Path dir;

    private WireMockServer server;

    @BeforeEach
    void setUp() {
        server = WireMocks.started();
        server.stubFor(post(urlEqualTo("/identity/v3/auth/tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("X-Subject-Token", KeystoneFixtures.TOKEN_1)
                .withBody(KeystoneFixtures.v3Body(Instant.now().plusSeconds(3600), server.baseUrl() + "/image",
                        server.baseUrl() + "/image2"))));
    }

    @AfterEach
    void tearDown() {
        server.stop();
    }

    private String withUserInfo(String url) {
        return url.replace("://", "://user:" + SECRET + "@");
    }

    private static String everything(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** What the SDK logs (slf4j-simple writes to System.err, DEBUG on for dev.imagesdk) while {@code action} runs. */
    private static <T> String logOf(Supplier<T> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.get();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log);
        return log;
    }

    @Test
    void userInfoPasswordOfEndpointsAppearsInNoToStringMessageOrLogLine() {
        CapturingProvider v2 = new CapturingProvider(ApiVersion.V2);
        ClientConfig config = ClientConfig.builder().authUrl(withUserInfo(server.baseUrl() + "/identity/v3"))
                .imageEndpoint(withUserInfo(server.baseUrl() + "/image"))
                .auth(AuthMethod.V3Password.of("demo", "pw", "Default", "demo")).build();
        assertThat(config.toString()).doesNotContain(SECRET).contains("***@");

        ImageService service = ImageService.builder().config(config).apiVersion(ApiVersion.V2)
                .sleeper(new RecordingSleeper()).providers(List.of(v2)).build();
        ClientContext ctx = v2.context();
        String log = logOf(() -> ctx.tokenProvider().orElseThrow().token()); // the first token is lazy here
        assertThat(log).contains("Obtained a Keystone token from").doesNotContain(SECRET);
        assertThat(ctx.toString()).doesNotContain(SECRET);
        assertThat(ctx.imageEndpoint().toString()).doesNotContain(SECRET);
        assertThat(ctx.catalogedEndpoint().toString()).doesNotContain(SECRET);
        assertThat(service.toString()).doesNotContain(SECRET);
        service.close();
    }

    @Test
    void userInfoPasswordAppearsNeitherInTransportFailuresNorTheirCauses() {
        ClientConfig config = ClientConfig.builder().authUrl(withUserInfo("http://127.0.0.1:1/v3"))
                .auth(AuthMethod.V3Password.of("demo", "pw", "Default", "demo")).maxAttempts(1).build();
        String[] log = new String[1];
        Throwable[] failure = new Throwable[1];
        log[0] = logOf(() -> {
            failure[0] = catchThrowable(() -> ImageService.builder().config(config).apiVersion(ApiVersion.V2)
                    .providers(List.of(new CapturingProvider(ApiVersion.V2))).build());
            return null;
        });
        assertThat(failure[0]).isInstanceOf(ImageSdkException.class);
        assertThat(everything(failure[0])).doesNotContain(SECRET);
        assertThat(log[0]).doesNotContain(SECRET);
    }

    @Test
    void userInfoPasswordIsMaskedInInvalidInputMessagesAndValues() {
        Throwable e = catchThrowable(() -> ClientConfig.builder().imageEndpoint(withUserInfo("ftp://glance:9292"))
                .auth(new AuthMethod.NoAuth()).build());
        assertThat(e).isInstanceOf(InvalidInputException.class);
        assertThat(everything(e)).doesNotContain(SECRET).contains("***@glance");
        assertThat(((InvalidInputException) e).value()).doesNotContain(SECRET);
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", "https://keystone.example:5000/v3");
        env.put("OS_USERNAME", "demo");
        env.put("OS_PASSWORD", MISPLACED);
        env.put("OS_PROJECT_NAME", "demo");
        env.put("OS_USER_DOMAIN_NAME", "Default");
        return env;
    }

    private Throwable loadFailure(Map<String, String> env) {
        return catchThrowable(() -> ClientConfig.fromEnvironment(env, List.of(dir)));
    }

    @Test
    void userInfoPasswordIsMaskedInConfigurationMessagesFromVariablesAndCloudsYaml() throws Exception {
        Map<String, String> env = env();
        env.put("OS_AUTH_URL", withUserInfo("ftp://keystone.example:5000/v3"));
        Throwable fromEnv = loadFailure(env);
        assertThat(fromEnv).isInstanceOf(ConfigurationException.class);
        assertThat(everything(fromEnv)).doesNotContain(SECRET).contains("***@keystone.example");

        Files.writeString(dir.resolve("clouds.yaml"), "clouds:\n  c:\n    auth:\n      auth_url: "
                + withUserInfo("ftp://keystone.example:5000/v3") + "\n      username: demo\n      password: pw\n"
                + "      project_name: demo\n      user_domain_name: Default\n");
        Throwable fromYaml = loadFailure(Map.of("OS_CLOUD", "c"));
        assertThat(fromYaml).isInstanceOf(ConfigurationException.class);
        assertThat(everything(fromYaml)).doesNotContain(SECRET).contains("clouds.c.auth.auth_url");
    }

    @Test
    void passwordInTheWrongVariableIsNotEchoed() throws Exception {
        for (String variable : List.of("OS_INSECURE", "OS_IDENTITY_API_VERSION", "OS_IMAGE_API_VERSION",
                "OS_AUTH_TYPE", "OS_INTERFACE", "OS_AUTH_URL", "OS_AUTH_STRATEGY", "OS_CLOUD")) {
            Map<String, String> env = env();
            env.put(variable, MISPLACED);
            Throwable e = loadFailure(env);
            assertThat(e).as(variable).isInstanceOf(ConfigurationException.class);
            assertThat(everything(e)).as(variable).doesNotContain(MISPLACED).contains("8 characters, not shown");
        }
        Files.writeString(dir.resolve("clouds.yaml"), "clouds:\n  c:\n    insecure: " + MISPLACED + "\n"
                + "    auth:\n      auth_url: https://k.example/v3\n      username: demo\n      password: pw\n"
                + "      project_name: demo\n      user_domain_name: Default\n");
        Throwable fromYaml = loadFailure(Map.of("OS_CLOUD", "c"));
        assertThat(fromYaml).isInstanceOf(ConfigurationException.class);
        assertThat(everything(fromYaml)).doesNotContain(MISPLACED).contains("clouds.c.insecure");
    }
}
