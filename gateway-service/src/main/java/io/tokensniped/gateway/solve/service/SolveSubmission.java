package io.tokensniped.gateway.solve.service;

import io.tokensniped.events.solve.CallbackFormat;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;

/**
 * A validated solve request: its type, the body as sent (for Idempotency-Key comparison) and what it asks for.
 * {@code callbackUrl} (null for none) is where webhooks-service also delivers the outcome; admission checks it.
 * {@code callbackFormat} is the body that callback gets (null: the native webhook event).
 */
public record SolveSubmission(SolveType type, Object body, SolveTarget target, String proxy, Integer timeoutSeconds,
        String callbackUrl, CallbackFormat callbackFormat) {

    /** A submission whose callback (if any) gets the native body. */
    public SolveSubmission(SolveType type, Object body, SolveTarget target, String proxy, Integer timeoutSeconds,
            String callbackUrl) {
        this(type, body, target, proxy, timeoutSeconds, callbackUrl, null);
    }
}
