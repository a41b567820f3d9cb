package io.tokensniped.history.solve.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tokensniped.history.solve.SolveRecord;
import io.tokensniped.history.solve.service.SolveHistoryQuery;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import io.tokensniped.support.gateway.InternalHeaders;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/solve/history}: the caller's solves, newest first. */
@Path("/api/solve/history")
@Produces(MediaType.APPLICATION_JSON)
public class SolveHistoryResource {

    static final int MAX_LIMIT = 100;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SolveHistoryItem(UUID id, String type, String status, UUID apiKeyId, String pageUrl, long cost,
            Long elapsedMs, String errorCode, Instant createdAt, Instant completedAt) {

        static SolveHistoryItem of(SolveRecord r) {
            return new SolveHistoryItem(r.id, r.type, r.status, r.apiKeyId, r.pageUrl, r.cost, r.elapsedMs, r.errorCode,
                    r.createdAt, r.completedAt);
        }
    }

    public record SolveHistoryPage(List<SolveHistoryItem> items, String nextCursor) {
    }

    private final SolveHistoryQuery history;

    public SolveHistoryResource(SolveHistoryQuery history) {
        this.history = history;
    }

    @GET
    public SolveHistoryPage list(@HeaderParam(InternalHeaders.ACCOUNT) UUID accountId,
            @QueryParam("limit") @DefaultValue("20") String limit, @QueryParam("cursor") String cursor,
            @QueryParam("type") String type, @QueryParam("status") String status,
            @QueryParam("apiKeyId") String apiKeyId, @QueryParam("from") String from, @QueryParam("to") String to) {
        SolveHistoryQuery.Filter filter = new SolveHistoryQuery.Filter(type, status, uuid(apiKeyId), instant("from", from),
                instant("to", to));
        SolveHistoryQuery.Page page = history.list(accountId, filter, limit(limit), cursor);
        return new SolveHistoryPage(page.items().stream().map(SolveHistoryItem::of).toList(), page.nextCursor());
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(ErrorCode.VALIDATION_ERROR, "limit must be 1 to " + MAX_LIMIT);
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "apiKeyId must be a UUID");
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, name + " must be an ISO-8601 UTC timestamp");
        }
    }
}
