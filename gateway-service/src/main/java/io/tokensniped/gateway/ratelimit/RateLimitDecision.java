package io.tokensniped.gateway.ratelimit;

/**
 * The outcome for one request, with the figures of the window closest to its limit (the one the
 * {@code X-RateLimit-*} headers report).
 */
public record RateLimitDecision(boolean allowed, long retryAfterSeconds, int limit, long remaining, long resetSeconds) {
}
