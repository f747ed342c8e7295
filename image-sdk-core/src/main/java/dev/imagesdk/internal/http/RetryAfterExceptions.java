package dev.imagesdk.internal.http;

import dev.imagesdk.exception.ImageServiceException;
import dev.imagesdk.exception.ServiceUnavailableException;
import dev.imagesdk.exception.TooManyRequestsException;

import java.time.Duration;

/**
 * The public exception types, extended only to carry a parsed {@code Retry-After} to the retry policy.
 * Users catch the public parents; these classes add nothing else.
 */
final class RetryAfterExceptions {

    private RetryAfterExceptions() {
    }

    static ImageServiceException create(int status, String message, String requestId, Duration retryAfter) {
        switch (status) {
            case 429:
                return new TooManyRequests(message, requestId, retryAfter);
            case 503:
                return new Unavailable(message, requestId, retryAfter);
            default:
                return new Other(status, message, requestId, retryAfter);
        }
    }

    static final class TooManyRequests extends TooManyRequestsException implements RetryAfterHint {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        TooManyRequests(String message, String requestId, Duration retryAfter) {
            super(message, requestId);
            this.retryAfter = retryAfter;
        }

        @Override
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    static final class Unavailable extends ServiceUnavailableException implements RetryAfterHint {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        Unavailable(String message, String requestId, Duration retryAfter) {
            super(message, requestId);
            this.retryAfter = retryAfter;
        }

        @Override
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    static final class Other extends ImageServiceException implements RetryAfterHint {
        private static final long serialVersionUID = 1L;
        private final Duration retryAfter;

        Other(int status, String message, String requestId, Duration retryAfter) {
            super(status, message, requestId);
            this.retryAfter = retryAfter;
        }

        @Override
        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
