package io.tokensniped.solver.job;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.tokensniped.solver.config.SolverConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Graceful stop (SIGTERM, a scale-down): first stop taking jobs (the solve-requests channel is paused, so Kafka keeps
 * the rest for the other instances), then let the jobs in flight finish and publish their outcome, up to the drain
 * timeout, and only then let the browser pool and the Kafka clients close. Runs before every other shutdown observer.
 * Jobs fetched but not started are never acknowledged and go to another instance when this one leaves the group.
 */
@ApplicationScoped
public class SolverDrain {

    private static final Logger LOG = Logger.getLogger(SolverDrain.class);

    private final ChannelRegistry channels;
    private final SolveJobConsumer consumer;
    private final SolverConfig config;
    private volatile boolean draining;

    public SolverDrain(ChannelRegistry channels, SolveJobConsumer consumer, SolverConfig config) {
        this.channels = channels;
        this.consumer = consumer;
        this.config = config;
    }

    void drain(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent stopping) throws InterruptedException {
        draining = true;
        channels.getPausable(SolveJobConsumer.CHANNEL).pause();
        LOG.infof("draining: no new jobs; waiting for %d in flight (at most %s)", consumer.inFlight(), config.drainTimeout());
        if (consumer.awaitIdle(config.drainTimeout())) {
            LOG.info("drained: every job taken has its outcome published");
        } else {
            LOG.warnf("drain timeout: %d jobs still in flight are left to be redelivered", consumer.inFlight());
        }
    }

    public boolean draining() {
        return draining;
    }
}
