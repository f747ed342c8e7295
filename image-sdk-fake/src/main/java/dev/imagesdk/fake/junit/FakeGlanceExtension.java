package dev.imagesdk.fake.junit;

import dev.imagesdk.ApiVersion;
import dev.imagesdk.ImageService;
import dev.imagesdk.ImageServices;
import dev.imagesdk.auth.AuthMethod;
import dev.imagesdk.config.ClientConfig;
import dev.imagesdk.fake.AuthMode;
import dev.imagesdk.fake.FakeGlance;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link FakeGlance} per test class on an ephemeral 127.0.0.1 port, resets it before
 * every test (no images, faults or journal; system clock) and injects it into test and lifecycle
 * method parameters of type {@link FakeGlance}. The fake is closed (temp files removed) after the
 * class.
 *
 * <pre>{@code
 * @ExtendWith(FakeGlanceExtension.class)
 * class MyTest {
 *     @Test void uploads(FakeGlance glance) { ... }
 * }
 * // or, configured:
 * @RegisterExtension
 * static FakeGlanceExtension glance = FakeGlanceExtension.configured(b -> b.memoryThreshold(1024));
 * }</pre>
 *
 * <p>Parameters of type {@link ImageServices} get one client per region of the fake
 * ({@code FakeGlance.builder().regions(...)}, configured with
 * {@code FakeGlanceExtension.configured(b -> b.regions("region-a", "region-b"))}), built with
 * {@code buildForRegions} (one token for all), as the user of {@link FakeGlanceClient}; closed after the test.
 *
 * <p>Parameters of type {@link ImageService} get a client built with
 * {@code ImageService.builder()} against the fake (Keystone v3 password auth as the user named by
 * {@link FakeGlanceClient}, default {@code demo}; noauth mode uses the image endpoint directly),
 * closed after the test. The version implementation (image-sdk-v1 / image-sdk-v2) must be on the
 * test classpath, else resolution fails with the builder's error naming the module to add.
 */
public final class FakeGlanceExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(FakeGlanceExtension.class);
    private static final String KEY = "fake";

    private final Consumer<FakeGlance.Builder> configuration;

    /** Default fake: keystone auth with the default users. */
    public FakeGlanceExtension() {
        this(b -> { });
    }

    private FakeGlanceExtension(Consumer<FakeGlance.Builder> configuration) {
        this.configuration = configuration;
    }

    /**
     * {@return an extension whose fake is configured by {@code configuration} before it starts}
     *
     * @param configuration configures the fake's builder
     */
    public static FakeGlanceExtension configured(Consumer<FakeGlance.Builder> configuration) {
        return new FakeGlanceExtension(Objects.requireNonNull(configuration));
    }

    /**
     * {@return the fake of the current test class (starting it if needed)}
     *
     * @param context the JUnit context of the running test
     */
    public FakeGlance fake(ExtensionContext context) {
        ExtensionContext.Store store = classContext(context).getStore(NS);
        return store.getOrComputeIfAbsent(KEY, k -> new Resource(start()), Resource.class).fake;
    }

    private FakeGlance start() {
        FakeGlance.Builder b = FakeGlance.builder();
        configuration.accept(b);
        return b.start();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestClass().isPresent() && c.getParent().isPresent()
                && c.getParent().get().getTestClass().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        fake(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        fake(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        Class<?> type = parameterContext.getParameter().getType();
        return type == FakeGlance.class || type == ImageService.class || type == ImageServices.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        FakeGlance fake = fake(extensionContext);
        if (parameterContext.getParameter().getType() == FakeGlance.class) {
            return fake;
        }
        FakeGlanceClient spec = parameterContext.findAnnotation(FakeGlanceClient.class).orElse(null);
        if (parameterContext.getParameter().getType() == ImageServices.class) {
            ImageServices services;
            try {
                services = ImageService.builder().config(clientConfig(fake, spec)).buildForRegions(fake.regions());
            } catch (RuntimeException e) {
                throw new ParameterResolutionException("Could not build the ImageServices of the fake's regions "
                        + fake.regions() + ": " + e.getMessage(), e);
            }
            extensionContext.getStore(NS).put(new Object(), new ServicesResource(services));
            return services;
        }
        ImageService service;
        try {
            service = ImageService.builder().config(clientConfig(fake, spec)).build();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Could not build an ImageService against the fake: "
                    + e.getMessage(), e);
        }
        extensionContext.getStore(NS).put(new Object(), new ClientResource(service));
        return service;
    }

    /**
     * {@return the client configuration for the fake and an optional {@link FakeGlanceClient}}
     *
     * @param fake the running fake
     * @param spec the new image's attributes (name, formats, properties, ...); not null
     */
    public static ClientConfig clientConfig(FakeGlance fake, FakeGlanceClient spec) {
        String user = spec == null ? "demo" : spec.user();
        ClientConfig.Builder b = ClientConfig.builder();
        if (fake.authMode() == AuthMode.NONE) {
            b.auth(new AuthMethod.NoAuth()).imageEndpoint(fake.url());
        } else {
            b.authUrl(fake.keystoneUrl())
                    .auth(AuthMethod.V3Password.of(user, fake.passwordOf(user), "Default", fake.projectOf(user)));
        }
        if (spec != null && !spec.region().isEmpty()) {
            b.regionName(spec.region());
        }
        if (spec != null && spec.version() != FakeGlanceClient.Version.DISCOVER) {
            b.apiVersion(spec.version() == FakeGlanceClient.Version.V1 ? ApiVersion.V1 : ApiVersion.V2);
        }
        return b.build();
    }

    /** Closes an injected client after its test. */
    private static final class ClientResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final ImageService service;

        ClientResource(ImageService service) {
            this.service = service;
        }

        @Override
        public void close() throws Exception {
            service.close();
        }
    }

    /** Closes injected regional clients after their test. */
    private static final class ServicesResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final ImageServices services;

        ServicesResource(ImageServices services) {
            this.services = services;
        }

        @Override
        public void close() {
            services.close();
        }
    }

    /** Closes the fake when the class's store is closed. */
    private static final class Resource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final FakeGlance fake;

        Resource(FakeGlance fake) {
            this.fake = fake;
        }

        @Override
        public void close() {
            fake.close();
        }
    }
}
