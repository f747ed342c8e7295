package dev.imagesdk.v2.internal;

import dev.imagesdk.CallOptions;
import dev.imagesdk.internal.http.CallExecutor;
import dev.imagesdk.internal.http.CallSpec;

import java.util.Objects;

/**
 * Binds {@link CallRunner} to the core {@link CallExecutor} (token, one retry policy, one re-auth), with the call
 * options of the service view it serves ({@link CallOptions#none()} for the service itself).
 */
final class ExecutorCallRunner implements CallRunner {

    private final CallExecutor executor;
    private final CallOptions options;

    ExecutorCallRunner(CallExecutor executor) {
        this(executor, CallOptions.none());
    }

    private ExecutorCallRunner(CallExecutor executor, CallOptions options) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public <T> T run(String name, String method, boolean idempotent, Attempt<T> attempt) {
        CallSpec spec = CallSpec.builder(name, method).idempotent(idempotent).build();
        return executor.execute(spec, options, attempt::run);
    }

    @Override
    public CallRunner withOptions(CallOptions more) {
        return new ExecutorCallRunner(executor, options.with(more));
    }
}
