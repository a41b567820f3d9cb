package io.tokensniped.billing.hold.service;

import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.tokensniped.billing.config.BillingConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Releases holds whose solve never reported an end (a solver lost with its job, an event lost before the outbox
 * exists). A hold expires well after its solve's deadline, when no solver may still finish it, so a release here
 * never races a legitimate charge.
 */
@ApplicationScoped
public class HoldExpiry {

    private static final Logger LOG = Logger.getLogger(HoldExpiry.class);

    private final CreditHolds holds;
    private final int batch;

    public HoldExpiry(CreditHolds holds, BillingConfig config) {
        this.holds = holds;
        this.batch = config.holds().expirySweepBatch();
    }

    @Scheduled(every = "${tokensniped.holds.expiry-sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void releaseOverdue() {
        List<UUID> overdue = holds.overdue(batch);
        for (UUID solveId : overdue) {
            if (holds.release(solveId)) {
                LOG.infof("released the expired hold of solve %s", solveId);
            }
        }
    }
}
