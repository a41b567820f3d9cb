package io.tokensniped.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.events.Topics;
import io.tokensniped.events.billing.BalanceChanged;
import io.tokensniped.events.billing.BalanceLow;
import io.tokensniped.events.billing.BillingEvent;
import io.tokensniped.events.billing.CreditsCharged;
import io.tokensniped.events.billing.CreditsGranted;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;
import jakarta.inject.Inject;

/**
 * A consumer of billing.events, as an internal service would be: each balance change arrives once its transaction
 * committed, in order for the account, through the outbox relay.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class BillingEventsTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;
    @Inject
    jakarta.persistence.EntityManager em;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void grantsHoldsChargesAndALowBalanceArePublishedInOrder() throws Exception {
        UUID account = UUID.randomUUID();
        UUID solveId = UUID.randomUUID();
        try (TestKafka.Tail events = new TestKafka.Tail(kafka, Topics.BILLING_EVENTS)) {
            CreditHoldsTest.internal().header("X-Account-Id", account).post("/api/billing/daily-claim").then().statusCode(200);
            assertEquals(201, CreditHoldsTest.placeHold(account, solveId, 6, Instant.now().plus(5, ChronoUnit.MINUTES)));
            Instant now = Instant.now();
            TestKafka.publish(kafka, Topics.SOLVE_EVENTS, solveId.toString(), json.writeValueAsString(new SolveSucceeded(
                    UUID.randomUUID(), now, solveId, account, SolveType.INTERSTITIAL, new Solution.Turnstile("t", "ua"), 6, now,
                    10)));

            assertTrue(
                    events.await(v -> v.contains("\"BalanceLow\"") && v.contains(account.toString()), EVENTUALLY).isPresent(),
                    "no BalanceLow for the account");
            List<BillingEvent> mine = events.all(v -> v.contains(account.toString())).stream().map(this::read).toList();
            assertEquals(List.of(CreditsGranted.class, BalanceChanged.class, BalanceChanged.class, CreditsCharged.class,
                    BalanceChanged.class, BalanceLow.class), mine.stream().map(Object::getClass).toList());
            CreditsGranted granted = (CreditsGranted) mine.get(0);
            assertEquals(10, granted.amount());
            assertEquals("daily_grant", granted.reason());
            BalanceChanged held = (BalanceChanged) mine.get(2);
            assertEquals("hold_placed", held.cause());
            assertEquals(6, held.heldCredits());
            assertEquals(4, held.availableCredits());
            CreditsCharged charged = (CreditsCharged) mine.get(3);
            assertEquals(6, charged.amount());
            assertEquals(4, charged.balanceAfter());
            assertEquals(solveId, charged.solveId());
            BalanceChanged settled = (BalanceChanged) mine.get(4);
            assertEquals(4, settled.credits());
            assertEquals(0, settled.heldCredits());
            assertEquals(new BalanceLow(mine.get(5).eventId(), mine.get(5).occurredAt(), account, 4, 5), mine.get(5));
            assertEquals(mine.size(), mine.stream().map(BillingEvent::eventId).distinct().count(), "an event twice");
        }
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (unpublished(account) > 0) {
            assertTrue(Instant.now().isBefore(deadline), "outbox rows left unpublished");
            Thread.sleep(50);
        }
    }

    private long unpublished(UUID account) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where event_key = ?1 and published_at is null")
                .setParameter(1, account.toString()).getSingleResult()).longValue());
    }

    private BillingEvent read(String value) {
        try {
            return json.readValue(value, BillingEvent.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
