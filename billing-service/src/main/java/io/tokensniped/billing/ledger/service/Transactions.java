package io.tokensniped.billing.ledger.service;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tokensniped.billing.ledger.LedgerEntry;
import io.tokensniped.billing.ledger.LedgerEntryType;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import io.tokensniped.support.paging.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** An account's ledger entries, newest first, in pages joined by an opaque cursor (the last entry's time and id). */
@ApplicationScoped
public class Transactions {

    public static final Set<String> TYPES = LedgerEntryType.wireNames();

    /**
     * The transaction type names of the task-protocol providers (Anti-Captcha and its kin), accepted as filters so a
     * customer's existing reporting code keeps working after switching (docs/guide/switching-providers.md).
     */
    public static final Map<String, String> REFERENCE_TYPES = Map.of("payment", LedgerEntryType.PURCHASE.wireName(),
            "usage", LedgerEntryType.SOLVE_CHARGE.wireName(), "refund", LedgerEntryType.REFUND.wireName(),
            "bonus", LedgerEntryType.DAILY_GRANT.wireName());

    public record Page(List<LedgerEntry> items, String nextCursor) {
    }

    @Transactional
    public Page list(UUID accountId, int limit, String cursor, String requestedType) {
        String type = requestedType == null ? null : REFERENCE_TYPES.getOrDefault(requestedType, requestedType);
        if (type != null && !TYPES.contains(type)) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR,
                    "type must be one of " + String.join(", ", TYPES.stream().sorted().toList())
                            + " (or " + String.join(", ", REFERENCE_TYPES.keySet().stream().sorted().toList()) + ")");
        }
        StringBuilder query = new StringBuilder("accountId = :account");
        Parameters params = Parameters.with("account", accountId);
        if (type != null) {
            query.append(" and type = :type");
            params.and("type", type);
        }
        if (cursor != null) {
            PageCursor after = PageCursor.decode(cursor);
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", after.createdAt()).and("id", after.id());
        }
        // One more than asked tells whether another page follows.
        List<LedgerEntry> found = LedgerEntry.<LedgerEntry>find(query.toString(), Sort.descending("createdAt", "id"), params)
                .range(0, limit).list();
        if (found.size() <= limit) {
            return new Page(found, null);
        }
        List<LedgerEntry> page = found.subList(0, limit);
        LedgerEntry last = page.get(limit - 1);
        return new Page(List.copyOf(page), new PageCursor(last.createdAt, last.id).encode());
    }
}
