package dev.imagesdk.fake.junit;

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
 * <p>Not yet provided: injection of a ready {@code ImageService}; the SDK client's builder is not
 * on the classpath of this module yet.
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

    /** An extension whose fake is configured by {@code configuration} before it starts. */
    public static FakeGlanceExtension configured(Consumer<FakeGlance.Builder> configuration) {
        return new FakeGlanceExtension(Objects.requireNonNull(configuration));
    }

    /** The fake of the current test class (starting it if needed). */
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
        return parameterContext.getParameter().getType() == FakeGlance.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        return fake(extensionContext);
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
