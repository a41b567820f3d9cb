package io.tokensniped.history.solve.messaging;

import java.util.List;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.history.solve.service.SolveProjection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feeds the solve topics into the projection, a batch of records at a time; offsets are committed only after the
 * batch is written. Live and test-mode solves come on separate topics and so separate channels: a flood of test
 * solves never queues ahead of a live one.
 */
@ApplicationScoped
public class SolveEventConsumer {

    private final SolveProjection projection;

    public SolveEventConsumer(SolveProjection projection) {
        this.projection = projection;
    }

    @Incoming("solve-requests")
    @Blocking
    @Retry
    public void requested(List<SolveRequested> batch) {
        projection.applyRequests(batch);
    }

    @Incoming("solve-events")
    @Blocking
    @Retry
    public void progressed(List<SolveEvent> batch) {
        projection.applyEvents(batch);
    }

    @Incoming("test-solve-requests")
    @Blocking
    @Retry
    public void testRequested(List<SolveRequested> batch) {
        projection.applyRequests(batch);
    }

    @Incoming("test-solve-events")
    @Blocking
    @Retry
    public void testProgressed(List<SolveEvent> batch) {
        projection.applyEvents(batch);
    }
}
