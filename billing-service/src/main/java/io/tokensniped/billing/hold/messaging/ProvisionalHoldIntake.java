package io.tokensniped.billing.hold.messaging;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.tokensniped.billing.hold.service.CreditHolds;
import io.tokensniped.events.solve.SolveRequested;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Places the holds of live solves the gateway admitted while billing was away ({@code provisionalHold}): their
 * SolveRequested, acknowledged by the broker before the customer's 202, is the durable record of the price owed.
 * Every other live request already has its hold (placed over HTTP at admission) and is passed over. Offsets are
 * committed after the transaction and placing is idempotent per solve, so a redelivered record changes nothing.
 */
@ApplicationScoped
public class ProvisionalHoldIntake {

    private final CreditHolds holds;

    public ProvisionalHoldIntake(CreditHolds holds) {
        this.holds = holds;
    }

    @Incoming("provisional-holds")
    @Blocking
    @Retry
    public void take(SolveRequested request) {
        if (request.provisionalHold() && !request.testMode() && request.price() > 0) {
            holds.placeProvisional(request.solveId(), request.accountId(), request.price(), request.deadline());
        }
    }
}
