package dev.imagesdk.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints one line per contract class when it ends, e.g.
 * {@code CONTRACT target=fake suite=v2 tests=40 passed=40 failed=0 skipped=0}, so CI output shows the
 * count per target. The target's name comes from {@link ContractTarget} on the test class.
 */
final class ContractReport implements TestWatcher, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ContractReport.class);

    private static final class Counts {
        final AtomicInteger passed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
    }

    private static Counts counts(ExtensionContext context) {
        ExtensionContext classContext = context.getParent().filter(p -> p.getTestMethod().isEmpty())
                .orElse(context);
        return classContext.getStore(NS).getOrComputeIfAbsent("counts", k -> new Counts(), Counts.class);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        counts(context).passed.incrementAndGet();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        counts(context).failed.incrementAndGet();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        counts(context).skipped.incrementAndGet();
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        counts(context).skipped.incrementAndGet();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Counts c = context.getStore(NS).getOrComputeIfAbsent("counts", k -> new Counts(), Counts.class);
        ContractTarget t = context.getRequiredTestClass().getAnnotation(ContractTarget.class);
        int total = c.passed.get() + c.failed.get() + c.skipped.get();
        System.out.printf("CONTRACT target=%s suite=%s tests=%d passed=%d failed=%d skipped=%d%n",
                t == null ? "?" : t.target(), t == null ? "?" : t.suite(), total, c.passed.get(), c.failed.get(),
                c.skipped.get());
    }
}
