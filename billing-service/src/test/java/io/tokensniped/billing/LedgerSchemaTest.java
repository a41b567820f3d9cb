package io.tokensniped.billing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.billing.ledger.LedgerEntry;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;

/** The ledger's own guards, in real PostgreSQL: a reference is spent once, a balance never goes below zero. */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class LedgerSchemaTest {

    static LedgerEntry entry(UUID account, String reference, long amount, long balanceAfter) {
        LedgerEntry e = new LedgerEntry();
        e.id = UUID.randomUUID();
        e.accountId = account;
        e.type = "daily_grant";
        e.amount = amount;
        e.balanceAfter = balanceAfter;
        e.description = "test";
        e.reference = reference;
        e.createdAt = Instant.now();
        return e;
    }

    @Test
    void aReferenceIsRecordedOnceAndBalancesStayNonNegative() {
        UUID account = UUID.randomUUID();
        String reference = "daily:" + account + ":2026-11-28";
        QuarkusTransaction.requiringNew().run(() -> entry(account, reference, 100, 100).persist());
        assertThrows(Exception.class,
                () -> QuarkusTransaction.requiringNew().run(() -> entry(account, reference, 100, 200).persist()));
        assertThrows(Exception.class,
                () -> QuarkusTransaction.requiringNew().run(() -> entry(account, "charge:x", -200, -100).persist()));
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> LedgerEntry.count("accountId", account)));
    }

    @Test
    void readinessReflectsDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200);
    }
}
