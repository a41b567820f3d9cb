package io.tokensniped.keys.common;

/** Too many attempts: 429 RATE_LIMITED with Retry-After. */
public class ThrottledException extends ApiException {

    private final long retryAfterSeconds;

    public ThrottledException(String message, long retryAfterSeconds) {
        super(429, "RATE_LIMITED", message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
