package io.tokensniped.gateway.ratelimit;

/**
 * The outcome for one request, with the figures of the window closest to its limit (the one the
 * {@code X-RateLimit-*} headers report).
 */
public record RateLimitDecision(boolean allowed, long retryAfterSeconds, int limit, long remaining, long resetSeconds) {

    private static final long MILLIS_PER_SECOND = 1000;

    /**
     * The decision from both windows' figures (as the GCRA script returns them, times in milliseconds): the window
     * reported is the one closest to its limit relative to its size; times are rounded up to whole seconds.
     */
    public static RateLimitDecision closestWindow(boolean allowed, long retryAfterMillis, int rpm, long minuteRemaining,
            long minuteResetMillis, int rpd, long dayRemaining, long dayResetMillis) {
        long retryAfter = ceilSeconds(retryAfterMillis);
        boolean dayCloser = (double) dayRemaining / rpd < (double) minuteRemaining / rpm;
        return dayCloser
                ? new RateLimitDecision(allowed, retryAfter, rpd, dayRemaining, ceilSeconds(dayResetMillis))
                : new RateLimitDecision(allowed, retryAfter, rpm, minuteRemaining, ceilSeconds(minuteResetMillis));
    }

    private static long ceilSeconds(long millis) {
        return (millis + MILLIS_PER_SECOND - 1) / MILLIS_PER_SECOND;
    }
}
