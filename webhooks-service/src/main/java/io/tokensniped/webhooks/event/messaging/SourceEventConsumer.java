package io.tokensniped.webhooks.event.messaging;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.tokensniped.events.billing.BillingEvent;
import io.tokensniped.events.keys.ApiKeyEvent;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.webhooks.event.service.SourceEvents;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The platform's events that customers may be told about. Each is recorded (with its deliveries) before its offset
 * moves on; while the database is away it is retried, never skipped.
 */
@ApplicationScoped
public class SourceEventConsumer {

    private final SourceEvents events;

    public SourceEventConsumer(SourceEvents events) {
        this.events = events;
    }

    @Incoming("solve-events")
    @Blocking
    @Retry
    public void liveSolve(SolveEvent event) {
        events.solve(event, false);
    }

    @Incoming("test-solve-events")
    @Blocking
    @Retry
    public void testSolve(SolveEvent event) {
        events.solve(event, true);
    }

    @Incoming("billing-events")
    @Blocking
    @Retry
    public void billing(BillingEvent event) {
        events.billing(event);
    }

    @Incoming("api-key-events")
    @Blocking
    @Retry
    public void apiKey(ApiKeyEvent event) {
        events.apiKey(event);
    }
}
