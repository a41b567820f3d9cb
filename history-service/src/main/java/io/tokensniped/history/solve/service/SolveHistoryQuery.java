package io.tokensniped.history.solve.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.tokensniped.history.solve.SolveRecord;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import io.tokensniped.support.paging.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;

/** An account's solves, newest first, filtered, in pages joined by an opaque cursor (the last solve's time and id). */
@ApplicationScoped
public class SolveHistoryQuery {

    static final Set<String> TYPES = Set.of("turnstile", "geetest", "interstitial");
    static final Set<String> STATUSES = Set.of("pending", "processing", "solved", "failed");

    public record Filter(String type, String status, UUID apiKeyId, Instant from, Instant to) {
    }

    public record Page(List<SolveRecord> items, String nextCursor) {
    }

    public Page list(UUID accountId, Filter filter, int limit, String cursor) {
        StringBuilder query = new StringBuilder("accountId = :account and createdAt is not null");
        Parameters params = Parameters.with("account", accountId);
        if (filter.type() != null) {
            require(TYPES.contains(filter.type()), "type must be one of " + TYPES.stream().sorted().toList());
            query.append(" and type = :type");
            params.and("type", filter.type());
        }
        if (filter.status() != null) {
            require(STATUSES.contains(filter.status()), "status must be one of pending, processing, solved, failed");
            query.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.apiKeyId() != null) {
            query.append(" and apiKeyId = :key");
            params.and("key", filter.apiKeyId());
        }
        if (filter.from() != null) {
            query.append(" and createdAt >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            query.append(" and createdAt < :to");
            params.and("to", filter.to());
        }
        if (cursor != null) {
            PageCursor after = PageCursor.decode(cursor);
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", after.createdAt()).and("id", after.id());
        }
        // One more than asked tells whether another page follows.
        List<SolveRecord> found = SolveRecord.<SolveRecord>find(query.toString(), Sort.descending("createdAt", "id"), params)
                .range(0, limit).list();
        if (found.size() <= limit) {
            return new Page(found, null);
        }
        List<SolveRecord> page = List.copyOf(found.subList(0, limit));
        SolveRecord last = page.get(limit - 1);
        return new Page(page, new PageCursor(last.createdAt, last.id).encode());
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, message);
        }
    }
}
