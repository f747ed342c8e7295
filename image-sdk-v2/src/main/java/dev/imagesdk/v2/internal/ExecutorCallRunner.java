package dev.imagesdk.v2.internal;

import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.internal.http.CallSpec;

import java.util.Objects;

/** Binds {@link CallRunner} to the core {@link CallExecutor} (token, one retry policy, one re-auth). */
final class ExecutorCallRunner implements CallRunner {

    private final CallExecutor executor;

    ExecutorCallRunner(CallExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public <T> T run(String name, String method, boolean idempotent, Attempt<T> attempt) {
        CallSpec spec = CallSpec.builder(name, method).idempotent(idempotent).build();
        return executor.execute(spec, attempt::run);
    }
}
