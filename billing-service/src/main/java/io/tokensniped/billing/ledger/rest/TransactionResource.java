package io.tokensniped.billing.ledger.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tokensniped.billing.ledger.LedgerEntry;
import io.tokensniped.billing.ledger.service.Transactions;
import io.tokensniped.support.gateway.Caller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/billing/transactions}: the caller's ledger, newest first. */
@Path("/api/billing/transactions")
@Produces(MediaType.APPLICATION_JSON)
public class TransactionResource {

    public record Transaction(UUID id, String type, long amount, long balanceAfter, String description, String reference,
            Instant createdAt) {

        static Transaction of(LedgerEntry e) {
            return new Transaction(e.id, e.type, e.amount, e.balanceAfter, e.description, e.reference, e.createdAt);
        }
    }

    public record TransactionPage(List<Transaction> items, String nextCursor) {
    }

    private final Transactions transactions;

    public TransactionResource(Transactions transactions) {
        this.transactions = transactions;
    }

    @GET
    public TransactionPage list(@Context HttpServerRequest request,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") String cursor, @QueryParam("type") String type) {
        Transactions.Page page = transactions.list(Caller.of(request).requireAccount(), limit, cursor, type);
        return new TransactionPage(page.items().stream().map(Transaction::of).toList(), page.nextCursor());
    }
}
