package io.tokensniped.gateway.credit.messaging;

import java.time.Duration;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.events.billing.BillingEvent;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.gateway.credit.service.CreditReservations;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Billing's announced balances, read by one consumer group shared by all gateways (their view lives in Redis). An
 * announcement is applied before the next is read, and tried again while Redis is away: skipping one would leave a
 * reservation counted twice or a balance out of date.
 */
@ApplicationScoped
public class BalanceAnnouncements {

    private final CreditReservations reservations;
    private final Duration backoff;
    private final Duration maxBackoff;

    public BalanceAnnouncements(CreditReservations reservations, GatewayConfig config) {
        this.reservations = reservations;
        this.backoff = config.credit().retryBackoff();
        this.maxBackoff = config.credit().retryMaxBackoff();
    }

    @Incoming("billing-balances")
    public Uni<Void> apply(BillingEvent event) {
        if (!(event instanceof BalanceChanged change)) {
            return Uni.createFrom().voidItem();
        }
        // Deferred: each retry asks the pipeline again (for a new connection after a lost one), not the failed call.
        return Uni.createFrom().deferred(() -> reservations.announced(change))
                .onFailure().retry().withBackOff(backoff, maxBackoff).indefinitely();
    }
}
