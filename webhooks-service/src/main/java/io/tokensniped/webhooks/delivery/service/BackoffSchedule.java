package io.tokensniped.webhooks.delivery.service;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff (initial delay times factor^(n-1), at most the maximum),
 * each delay spread by a random fraction either way (jitter) so the retries of many deliveries that failed together
 * do not arrive together, until the last attempt. Pure: the random source is given.
 */
public final class BackoffSchedule {

    private final Duration initialDelay;
    private final double factor;
    private final Duration maxDelay;
    private final double jitter;
    private final int maxAttempts;
    private final DoubleSupplier random;

    public BackoffSchedule(Duration initialDelay, double factor, Duration maxDelay, double jitter, int maxAttempts,
            DoubleSupplier random) {
        if (factor < 1 || jitter < 0 || jitter >= 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("backoff needs factor >= 1, 0 <= jitter < 1 and at least one attempt");
        }
        this.initialDelay = initialDelay;
        this.factor = factor;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    /** The delay before the next attempt after {@code attemptsMade} failed ones; empty when the delivery gives up. */
    public Optional<Duration> delayAfter(int attemptsMade) {
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        double spread = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Optional.of(Duration.ofMillis(Math.round(nominalMillis(attemptsMade) * spread)));
    }

    /** The delay without jitter. */
    public long nominalMillis(int attemptsMade) {
        double millis = initialDelay.toMillis() * Math.pow(factor, Math.max(0, attemptsMade - 1));
        return (long) Math.min(millis, maxDelay.toMillis());
    }

    /** The shortest time from the first attempt to the last (every delay at its lowest jitter). */
    public Duration shortestSpan() {
        long total = 0;
        for (int made = 1; made < maxAttempts; made++) {
            total += Math.round(nominalMillis(made) * (1 - jitter));
        }
        return Duration.ofMillis(total);
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
