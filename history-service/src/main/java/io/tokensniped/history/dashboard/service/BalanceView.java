package io.tokensniped.history.dashboard.service;

import java.sql.Timestamp;

import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.history.config.HistoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The newest balance per account. Billing publishes an account's changes in order, but a redelivery may bring an
 * older one again: a change never replaces a newer one. Each update is announced to the streams' listeners.
 */
@ApplicationScoped
public class BalanceView {

    /** The announcement suffix for a balance change (stream appends announce their sequence number instead). */
    public static final String BALANCE = "balance";

    private final EntityManager em;
    private final String channel;

    public BalanceView(EntityManager em, HistoryConfig config) {
        this.em = em;
        this.channel = config.streams().channel();
    }

    @Transactional
    public void apply(BalanceChanged e) {
        int changed = em.createNativeQuery("""
                insert into account_balance_view (account_id, credits, held, available, as_of) values (?1, ?2, ?3, ?4, ?5)
                on conflict (account_id) do update set credits = excluded.credits, held = excluded.held,
                  available = excluded.available, as_of = excluded.as_of
                where account_balance_view.as_of <= excluded.as_of
                """).setParameter(1, e.accountId()).setParameter(2, e.credits()).setParameter(3, e.heldCredits())
                .setParameter(4, e.availableCredits()).setParameter(5, Timestamp.from(e.occurredAt())).executeUpdate();
        if (changed > 0) {
            em.createNativeQuery("select pg_notify(?1, ?2)").setParameter(1, channel)
                    .setParameter(2, e.accountId() + ":" + BALANCE).getSingleResult();
        }
    }
}
