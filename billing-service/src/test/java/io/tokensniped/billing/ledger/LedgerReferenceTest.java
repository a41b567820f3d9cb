package io.tokensniped.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class LedgerReferenceTest {

    @Test
    void referencesAreStoredAsSourceColonId() {
        UUID solve = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        assertEquals("solve:" + solve, LedgerReference.solve(solve).toString());
        assertEquals("daily:" + account + ":2026-12-03", LedgerReference.daily(account, LocalDate.of(2026, 12, 3)).toString());
        assertEquals("stripe:cs_test_1", LedgerReference.stripe("cs_test_1").toString());
        assertEquals("crypto:4711", LedgerReference.crypto("4711").toString());
    }

    @Test
    void aStoredReferenceReadsBackToItsSourceAndId() {
        UUID solve = UUID.randomUUID();
        assertEquals(solve, LedgerReference.parse("solve:" + solve).solveId());
        LedgerReference daily = LedgerReference.parse("daily:abc:2026-12-03");
        assertEquals("daily", daily.source());
        assertEquals("abc:2026-12-03", daily.id());
        assertEquals(LedgerReference.stripe("cs_1"), LedgerReference.parse("stripe:cs_1"));
    }

    @Test
    void onlyASolvesReferenceNamesASolve() {
        assertThrows(IllegalStateException.class, () -> LedgerReference.stripe("cs_1").solveId());
        assertThrows(IllegalArgumentException.class, () -> LedgerReference.parse("no-colon"));
        assertThrows(IllegalArgumentException.class, () -> new LedgerReference("solve", ""));
    }

    @Test
    void entryTypesHaveTheContractsWireNames() {
        assertEquals(Set.of("daily_grant", "purchase", "solve_charge", "refund", "adjustment"), LedgerEntryType.wireNames());
        assertEquals(Optional.of(LedgerEntryType.SOLVE_CHARGE), LedgerEntryType.fromWire("solve_charge"));
        assertEquals(Optional.empty(), LedgerEntryType.fromWire("SOLVE_CHARGE"));
    }
}
