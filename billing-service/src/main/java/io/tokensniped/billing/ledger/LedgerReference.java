package io.tokensniped.billing.ledger;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What a ledger entry is for, unique per change (the ledger records a reference at most once): where the credits came
 * from or went ({@code source}) and that source's id. Stored and shown as {@code source:id}, e.g. {@code solve:<id>},
 * {@code stripe:<session>}, {@code crypto:<payment>}, {@code daily:<account>:<day>}.
 */
public record LedgerReference(String source, String id) {

    public static final String SOLVE = "solve";
    public static final String DAILY = "daily";
    public static final String STRIPE = "stripe";
    public static final String CRYPTO = "crypto";

    public LedgerReference {
        if (source.isEmpty() || source.indexOf(':') >= 0 || id.isEmpty()) {
            throw new IllegalArgumentException("a reference is source:id, got " + source + ":" + id);
        }
    }

    /** The charge for one solve. */
    public static LedgerReference solve(UUID solveId) {
        return new LedgerReference(SOLVE, solveId.toString());
    }

    /** An account's free credits of one UTC day. */
    public static LedgerReference daily(UUID accountId, LocalDate day) {
        return new LedgerReference(DAILY, accountId + ":" + day);
    }

    /** A purchase paid through a Stripe Checkout Session. */
    public static LedgerReference stripe(String sessionId) {
        return new LedgerReference(STRIPE, sessionId);
    }

    /** A purchase paid through a crypto payment. */
    public static LedgerReference crypto(String paymentId) {
        return new LedgerReference(CRYPTO, paymentId);
    }

    /** A stored reference: the source is what precedes the first colon. */
    public static LedgerReference parse(String stored) {
        int colon = stored.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a reference is source:id, got " + stored);
        }
        return new LedgerReference(stored.substring(0, colon), stored.substring(colon + 1));
    }

    /** The solve a {@code solve:} reference charges. */
    public UUID solveId() {
        if (!SOLVE.equals(source)) {
            throw new IllegalStateException(this + " is not a solve's reference");
        }
        return UUID.fromString(id);
    }

    /** As stored in {@code ledger_entry.reference} and shown to clients. */
    @Override
    public String toString() {
        return source + ":" + id;
    }
}
