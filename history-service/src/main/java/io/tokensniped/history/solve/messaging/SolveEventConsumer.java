package io.tokensniped.history.solve.messaging;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.history.solve.service.SolveProjection;
import jakarta.enterprise.context.ApplicationScoped;

/** Feeds both solve topics into the projection; offsets are committed only after the row is written. */
@ApplicationScoped
public class SolveEventConsumer {

    private final SolveProjection projection;

    public SolveEventConsumer(SolveProjection projection) {
        this.projection = projection;
    }

    @Incoming("solve-requests")
    @Blocking
    @Retry
    public void requested(SolveRequested event) {
        projection.apply(event);
    }

    @Incoming("solve-events")
    @Blocking
    @Retry
    public void progressed(SolveEvent event) {
        projection.apply(event);
    }
}
