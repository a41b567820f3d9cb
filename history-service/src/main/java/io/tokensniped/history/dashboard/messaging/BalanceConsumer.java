package io.tokensniped.history.dashboard.messaging;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.events.billing.BillingEvent;
import io.tokensniped.history.dashboard.service.BalanceView;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps each account's latest balance from billing's BalanceChanged events (other billing events are not needed). */
@ApplicationScoped
public class BalanceConsumer {

    private final BalanceView balances;

    public BalanceConsumer(BalanceView balances) {
        this.balances = balances;
    }

    @Incoming("billing-events")
    @Blocking
    @Retry
    public void consume(BillingEvent event) {
        if (event instanceof BalanceChanged changed) {
            balances.apply(changed);
        }
    }
}
