package dev.imagesdk.v2.internal;

/**
 * Runs one call with the SDK's token, retry and re-authentication rules. The production binding is the core
 * {@code CallExecutor}; tests bind simpler runners. Implementations throw only the SDK's typed exceptions.
 */
@FunctionalInterface
public interface CallRunner {

    /** One attempt; gets the token to send (null without authentication). */
    @FunctionalInterface
    interface Attempt<T> {
        T run(String token) throws Exception;
    }

    /**
     * @param name the operation, for logs (e.g. {@code "create image"})
     * @param method the HTTP method
     * @param idempotent whether repeating the call after it was sent is harmless
     * @param attempt the call itself
     */
    <T> T run(String name, String method, boolean idempotent, Attempt<T> attempt);

    /**
     * This runner with {@code options} applied to every call (for {@code ImageService.withOptions}).
     *
     * @param options the options to apply on top of this runner's
     * @return a runner sharing this one's executor
     * @throws dev.imagesdk.exception.ImageSdkClientException if this runner takes no options (test runners)
     */
    default CallRunner withOptions(dev.imagesdk.CallOptions options) {
        throw new dev.imagesdk.exception.ImageSdkClientException(getClass().getSimpleName() + " takes no call options");
    }
}
