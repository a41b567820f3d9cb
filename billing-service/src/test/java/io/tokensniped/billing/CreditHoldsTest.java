package io.tokensniped.billing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tokensniped.billing.account.AccountBalance;
import io.tokensniped.billing.hold.CreditHold;
import io.tokensniped.billing.ledger.LedgerEntry;
import io.tokensniped.events.Topics;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Credit holds against real PostgreSQL and Kafka: concurrent admissions never spend more than the balance, a success
 * is charged once however often its event arrives, failures and expired holds are released, and every balance
 * equals the sum of its ledger entries.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class CreditHoldsTest {

    static final Duration EVENTUALLY = Duration.ofSeconds(30);
    static final String SECRET = "test-only-internal-secret";

    @Inject
    ObjectMapper json;
    @Inject
    EntityManager em;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    static RequestSpecification internal() {
        return given().header("X-Internal-Secret", SECRET).contentType(ContentType.JSON);
    }

    static UUID fundedAccount() {
        UUID account = UUID.randomUUID();
        internal().header("X-Account-Id", account).post("/api/billing/daily-claim").then().statusCode(200);
        return account;
    }

    static int placeHold(UUID account, UUID solveId, long amount, Instant expiresAt) {
        return internal()
                .body(Map.of("solveId", solveId, "accountId", account, "amount", amount, "expiresAt", expiresAt.toString()))
                .post("/internal/holds").then().extract().statusCode();
    }

    static AccountBalance balance(UUID account) {
        return QuarkusTransaction.requiringNew().call(() -> AccountBalance.<AccountBalance>findById(account));
    }

    static CreditHold hold(UUID solveId) {
        return QuarkusTransaction.requiringNew().call(() -> CreditHold.<CreditHold>findById(solveId));
    }

    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void twoHundredConcurrentAdmissionsAgainstTenCreditsPlaceExactlyTen() throws Exception {
        UUID account = fundedAccount();
        assertEquals(10, balance(account).credits);
        Instant expires = Instant.now().plus(5, ChronoUnit.MINUTES);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                attempts.add(() -> placeHold(account, UUID.randomUUID(), 1, expires));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(attempts)) {
                statuses.add(f.get());
            }
            Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            assertEquals(Map.of(201, 10L, 402, 190L), byStatus);
        } finally {
            pool.shutdownNow();
        }
        AccountBalance after = balance(account);
        assertEquals(10, after.credits);
        assertEquals(10, after.held);
        assertEquals(0, after.available());
        internal()
                .body(Map.of("solveId", UUID.randomUUID(), "accountId", account, "amount", 1, "expiresAt", expires.toString()))
                .post("/internal/holds").then().statusCode(402)
                .body("error.code", org.hamcrest.Matchers.equalTo("INSUFFICIENT_CREDITS"));
    }

    @Test
    void aSuccessIsChargedOnceHoweverOftenItsEventArrivesAndAFailureIsReleased() throws Exception {
        UUID account = fundedAccount();
        Instant expires = Instant.now().plus(5, ChronoUnit.MINUTES);
        UUID solved = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        assertEquals(201, placeHold(account, solved, 2, expires));
        assertEquals(201, placeHold(account, solved, 2, expires), "placing the same solve's hold again is idempotent");
        assertEquals(201, placeHold(account, failed, 3, expires));
        assertEquals(5, balance(account).held);

        Instant now = Instant.now();
        String success = json.writeValueAsString(new SolveSucceeded(UUID.randomUUID(), now, solved, account, SolveType.GEETEST,
                new Solution.Turnstile("t", "ua"), 2, now, 10));
        for (int i = 0; i < 3; i++) {
            TestKafka.publish(kafka, Topics.SOLVE_EVENTS, solved.toString(), success);
        }
        TestKafka.publish(kafka, Topics.SOLVE_EVENTS, failed.toString(),
                json.writeValueAsString(new SolveFailed(UUID.randomUUID(),
                        now, failed, account, SolveType.INTERSTITIAL, SolveErrorCode.SOLVE_TIMEOUT, "late", now, 10)));
        TestKafka.publish(kafka, Topics.SOLVE_EVENTS, solved.toString(), success);
        // A marker on the duplicates' partition: once it is settled, every duplicate before it has been consumed.
        UUID marker = UUID.randomUUID();
        assertEquals(201, placeHold(account, marker, 1, expires));
        TestKafka.publish(kafka, Topics.SOLVE_EVENTS, solved.toString(), json.writeValueAsString(new SolveFailed(
                UUID.randomUUID(), now, marker, account, SolveType.TURNSTILE, SolveErrorCode.SOLVE_TIMEOUT, "marker", now, 1)));

        eventually(() -> "released".equals(hold(failed).status) && "released".equals(hold(marker).status),
                "the events are consumed");
        assertEquals("captured", hold(solved).status);
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> LedgerEntry.count("reference", "solve:" + solved)));
        AccountBalance after = balance(account);
        assertEquals(8, after.credits, "10 granted, one solve of 2 charged once");
        assertEquals(0, after.held);
        LedgerEntry charge = QuarkusTransaction.requiringNew().call(
                () -> LedgerEntry.<LedgerEntry>find("reference", "solve:" + solved).firstResult());
        assertEquals("solve_charge", charge.type);
        assertEquals(-2, charge.amount);
        assertEquals(8, charge.balanceAfter);
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> LedgerEntry.count("reference", "solve:" + failed)));
        assertEquals(409, placeHold(account, failed, 3, expires), "a released hold is not placed again");
    }

    @Test
    void aHoldWhoseSolveNeverReportsBackIsReleasedWhenItExpires() throws Exception {
        UUID account = fundedAccount();
        UUID solveId = UUID.randomUUID();
        assertEquals(201, placeHold(account, solveId, 4, Instant.now().plusSeconds(1)));
        assertEquals(4, balance(account).held);
        eventually(() -> "released".equals(hold(solveId).status), "the expired hold is released");
        assertEquals(0, balance(account).held);
        assertEquals(10, balance(account).credits);
        // A success that arrives after the hold expired is not charged: the customer was already told it timed out.
        Instant now = Instant.now();
        TestKafka.publish(kafka, Topics.SOLVE_EVENTS, solveId.toString(), json.writeValueAsString(new SolveSucceeded(
                UUID.randomUUID(), now, solveId, account, SolveType.TURNSTILE, new Solution.Turnstile("t", "ua"), 4, now, 10)));
        UUID marker = UUID.randomUUID();
        assertEquals(201, placeHold(account, marker, 1, Instant.now().plusSeconds(300)));
        TestKafka.publish(kafka, Topics.SOLVE_EVENTS, solveId.toString(), json.writeValueAsString(new SolveFailed(
                UUID.randomUUID(), now, marker, account, SolveType.TURNSTILE, SolveErrorCode.SOLVE_TIMEOUT, "x", now, 10)));
        eventually(() -> "released".equals(hold(marker).status), "the marker behind the late success is settled");
        assertEquals(10, balance(account).credits);
    }

    void publishProvisional(UUID account, UUID solveId, long price) throws Exception {
        publishProvisional(account, solveId, price, solveId);
    }

    /** @param key the record's key: another solve's id puts it on that solve's partition, behind its records */
    void publishProvisional(UUID account, UUID solveId, long price, UUID key) throws Exception {
        Instant now = Instant.now();
        TestKafka.publish(kafka, Topics.SOLVE_REQUESTS, key.toString(), json.writeValueAsString(new SolveRequested(
                UUID.randomUUID(), now, solveId, account, UUID.randomUUID(), SolveType.TURNSTILE, false, price,
                now.plusSeconds(60), SolveTarget.turnstile("https://example.test/", "0x4AAAAAAAtest", null, null), null)
                .withProvisionalHold()));
    }

    void publishOutcome(UUID account, UUID solveId, long price, boolean solved) throws Exception {
        Instant now = Instant.now();
        TestKafka.publish(kafka, Topics.SOLVE_EVENTS, solveId.toString(), json.writeValueAsString(solved
                ? new SolveSucceeded(UUID.randomUUID(), now, solveId, account, SolveType.TURNSTILE,
                        new Solution.Turnstile("t", "ua"), price, now, 10)
                : new SolveFailed(UUID.randomUUID(), now, solveId, account, SolveType.TURNSTILE,
                        SolveErrorCode.SOLVE_TIMEOUT, "late", now, 10)));
    }

    static long charges(UUID solveId) {
        return QuarkusTransaction.requiringNew().call(() -> LedgerEntry.count("reference", "solve:" + solveId));
    }

    /**
     * Solves the gateway admitted while billing was away: the hold is placed from the SolveRequested record, whatever
     * order that record and the solve's outcome are read in; a solve that ended (or was withdrawn) first is never held;
     * a price the balance no longer covers is never held nor charged. Nothing is overspent, nothing charged twice.
     */
    @Test
    void aSolveAdmittedWhileBillingWasAwayIsHeldFromItsRequestAndSettledOnceInEitherOrder() throws Exception {
        UUID account = fundedAccount();
        UUID heldFirst = UUID.randomUUID();
        publishProvisional(account, heldFirst, 2);
        eventually(() -> hold(heldFirst) != null && "open".equals(hold(heldFirst).status), "the provisional hold is placed");
        assertEquals(2, balance(account).held);
        publishOutcome(account, heldFirst, 2, true);
        eventually(() -> "captured".equals(hold(heldFirst).status), "the provisional hold is captured");

        UUID solvedFirst = UUID.randomUUID();
        publishOutcome(account, solvedFirst, 3, true);
        eventually(() -> charges(solvedFirst) == 1, "a success read before its request is charged");
        publishProvisional(account, solvedFirst, 3);

        UUID failedFirst = UUID.randomUUID();
        publishOutcome(account, failedFirst, 1, false);
        eventually(() -> hold(failedFirst) != null, "a failure read before its request is remembered");
        publishProvisional(account, failedFirst, 1);

        UUID withdrawnFirst = UUID.randomUUID();
        internal().delete("/internal/holds/" + withdrawnFirst + "?accountId=" + account).then().statusCode(204);
        publishProvisional(account, withdrawnFirst, 1);

        UUID beyondBalance = UUID.randomUUID();
        publishProvisional(account, beyondBalance, 20);
        eventually(() -> hold(beyondBalance) != null, "the request beyond the balance is read");
        publishOutcome(account, beyondBalance, 20, true);

        // Markers behind each request above on its partition (and behind the last success on its): once they are
        // settled, what came before them has been read.
        List<UUID> markers = new ArrayList<>();
        for (UUID earlier : List.of(solvedFirst, failedFirst, withdrawnFirst)) {
            UUID marker = UUID.randomUUID();
            markers.add(marker);
            publishProvisional(account, marker, 1, earlier);
        }
        eventually(() -> markers.stream().allMatch(m -> hold(m) != null && "open".equals(hold(m).status)),
                "the markers are held");
        UUID marker = markers.get(0);
        TestKafka.publish(kafka, Topics.SOLVE_EVENTS, beyondBalance.toString(), json.writeValueAsString(new SolveFailed(
                UUID.randomUUID(), Instant.now(), marker, account, SolveType.TURNSTILE, SolveErrorCode.SOLVE_TIMEOUT,
                "marker", Instant.now(), 1)));
        eventually(() -> "released".equals(hold(marker).status), "the marker is settled");

        assertEquals("captured", hold(solvedFirst).status);
        assertEquals("released", hold(failedFirst).status);
        assertEquals(0, hold(failedFirst).amount);
        assertEquals("released", hold(withdrawnFirst).status);
        assertEquals("released", hold(beyondBalance).status);
        assertEquals(1, charges(heldFirst));
        assertEquals(1, charges(solvedFirst));
        assertEquals(0, charges(failedFirst) + charges(withdrawnFirst) + charges(beyondBalance));
        AccountBalance after = balance(account);
        assertEquals(5, after.credits, "10 granted, 2 and 3 charged once each");
        assertEquals(2, after.held, "two markers still held");
    }

    @Test
    void fiftyParallelDailyClaimsGrantOnce() throws Exception {
        UUID account = UUID.randomUUID();
        given().header("X-Internal-Secret", SECRET).header("X-Account-Id", account).get("/api/billing/balance").then()
                .statusCode(200).body("credits", org.hamcrest.Matchers.equalTo(0))
                .body("dailyClaimAvailable", org.hamcrest.Matchers.equalTo(true));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> claims = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                claims.add(() -> internal().header("X-Account-Id", account).post("/api/billing/daily-claim").then().extract()
                        .statusCode());
            }
            Map<Integer, Long> byStatus = new java.util.HashMap<>();
            for (Future<Integer> f : pool.invokeAll(claims)) {
                byStatus.merge(f.get(), 1L, Long::sum);
            }
            assertEquals(Map.of(200, 1L, 409, 49L), byStatus);
        } finally {
            pool.shutdownNow();
        }
        given().header("X-Internal-Secret", SECRET).header("X-Account-Id", account).get("/api/billing/balance").then()
                .statusCode(200).body("credits", org.hamcrest.Matchers.equalTo(10))
                .body("dailyClaimAvailable", org.hamcrest.Matchers.equalTo(false));
        internal().header("X-Account-Id", account).post("/api/billing/daily-claim").then().statusCode(409)
                .body("error.code", org.hamcrest.Matchers.equalTo("ALREADY_CLAIMED"));
    }

    @Test
    void internalRoutesRefuseCallersWithoutTheSecret() {
        given().contentType(ContentType.JSON).body(Map.of("solveId", UUID.randomUUID(), "accountId", UUID.randomUUID(),
                "amount", 1, "expiresAt", Instant.now().toString())).post("/internal/holds").then().statusCode(401);
        given().header("X-Account-Id", UUID.randomUUID()).get("/api/billing/balance").then().statusCode(401);
    }

    @Test
    void everyBalanceEqualsTheSumOfItsLedgerEntries() {
        fundedAccount();
        List<?> mismatches = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select b.account_id from account_balance b left join ledger_entry e on e.account_id = b.account_id"
                        + " group by b.account_id, b.credits having b.credits <> coalesce(sum(e.amount), 0)")
                .getResultList());
        assertTrue(mismatches.isEmpty(), "balances differ from their ledgers: " + mismatches);
        long accounts = QuarkusTransaction.requiringNew().call(() -> AccountBalance.count());
        assertFalse(accounts == 0, "no account to check");
    }
}
