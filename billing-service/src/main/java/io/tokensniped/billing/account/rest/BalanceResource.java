package io.tokensniped.billing.account.rest;

import io.tokensniped.billing.account.service.AccountCredits;
import io.tokensniped.support.gateway.Caller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** The caller's balance and the daily free credits. */
@Path("/api/billing")
@Produces(MediaType.APPLICATION_JSON)
public class BalanceResource {

    private final AccountCredits credits;

    public BalanceResource(AccountCredits credits) {
        this.credits = credits;
    }

    @GET
    @Path("/balance")
    public AccountCredits.Balance balance(@Context HttpServerRequest request) {
        return credits.balance(Caller.of(request).requireAccount());
    }

    @POST
    @Path("/daily-claim")
    public AccountCredits.DailyClaim claimDaily(@Context HttpServerRequest request) {
        return credits.claimDaily(Caller.of(request).requireAccount());
    }
}
