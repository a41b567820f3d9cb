package io.tokensniped.billing.hold.rest;

import java.time.Instant;
import java.util.UUID;

import io.tokensniped.billing.hold.service.CreditHolds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Internal: the gateways place a hold while admitting a live solve, and withdraw it if the solve is not queued. */
@Path("/internal/holds")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class HoldResource {

    public record PlaceHold(@NotNull UUID solveId, @NotNull UUID accountId, @Positive long amount, @NotNull Instant expiresAt) {
    }

    private final CreditHolds holds;

    public HoldResource(CreditHolds holds) {
        this.holds = holds;
    }

    @POST
    public Response place(@Valid @NotNull PlaceHold request) {
        return Response.status(Response.Status.CREATED)
                .entity(holds.place(request.solveId(), request.accountId(), request.amount(), request.expiresAt())).build();
    }

    @DELETE
    @Path("/{solveId}")
    public Response withdraw(@PathParam("solveId") UUID solveId, @QueryParam("accountId") UUID accountId) {
        // With the account named, a withdrawal that arrives before the solve's provisional hold is remembered.
        holds.release(solveId, accountId);
        return Response.noContent().build();
    }
}
