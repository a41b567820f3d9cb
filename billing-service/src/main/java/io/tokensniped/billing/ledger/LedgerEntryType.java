package io.tokensniped.billing.ledger;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What a ledger entry records; its wire name is the contract's Transaction {@code type} and the stored column. */
public enum LedgerEntryType {

    DAILY_GRANT,
    PURCHASE,
    SOLVE_CHARGE,
    REFUND,
    ADJUSTMENT;

    private static final Set<String> WIRE_NAMES = Arrays.stream(values()).map(LedgerEntryType::wireName)
            .collect(Collectors.toUnmodifiableSet());

    /** "daily_grant", "solve_charge"... */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<LedgerEntryType> fromWire(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(wireName)).findFirst();
    }

    public static Set<String> wireNames() {
        return WIRE_NAMES;
    }
}
