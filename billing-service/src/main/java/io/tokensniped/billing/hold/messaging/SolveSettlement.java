package io.tokensniped.billing.hold.messaging;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.tokensniped.billing.hold.service.CreditHolds;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveSucceeded;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Settles holds from solve outcomes: a success is charged, a failure released. Offsets are committed after the
 * database transaction, so a crash redelivers the event; capture and release act only on an open hold, so a
 * redelivered event changes nothing. Free (test-mode) successes never had a hold and cost no transaction. An outcome
 * read before its solve's provisional hold ({@link ProvisionalHoldIntake}) settles it all the same.
 */
@ApplicationScoped
public class SolveSettlement {

    private final CreditHolds holds;

    public SolveSettlement(CreditHolds holds) {
        this.holds = holds;
    }

    @Incoming("solve-events")
    @Blocking
    @Retry
    public void settle(SolveEvent event) {
        if (event instanceof SolveSucceeded succeeded && succeeded.price() > 0) {
            holds.capture(succeeded.solveId(), succeeded.accountId(), succeeded.price(),
                    succeeded.type().wireName() + " solve " + succeeded.solveId());
        } else if (event instanceof SolveFailed failed) {
            holds.release(failed.solveId(), failed.accountId());
        }
    }
}
