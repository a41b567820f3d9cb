package io.tokensniped.gateway.solve.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import io.smallrye.mutiny.Uni;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.auth.CurrentKey;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.gateway.solve.service.SolveAdmission;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Solve submissions. Thin: admission and outcomes live in the service package. */
@Path("/api/solve")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SolveResource {

    private static final String RESPOND_ASYNC = "respond-async";

    private final SolveAdmission admission;
    private final CurrentKey currentKey;
    private final GatewayConfig config;

    public SolveResource(SolveAdmission admission, CurrentKey currentKey, GatewayConfig config) {
        this.admission = admission;
        this.currentKey = currentKey;
        this.config = config;
    }

    @POST
    @Path("/turnstile")
    public Uni<Response> turnstile(@Valid @NotNull TurnstileRequest body, @QueryParam("async") boolean async,
            @HeaderParam("Prefer") String prefer) {
        SolveTarget target = SolveTarget.turnstile(body.pageUrl(), body.siteKey(), body.action(), body.cdata());
        return solve(SolveType.TURNSTILE, target, body.proxy(), body.timeout(), async || respondAsync(prefer));
    }

    private static boolean respondAsync(String prefer) {
        return prefer != null && prefer.toLowerCase(java.util.Locale.ROOT).contains(RESPOND_ASYNC);
    }

    private Uni<Response> solve(SolveType type, SolveTarget target, String proxy, Integer timeout, boolean async) {
        return admission.admit(currentKey.get(), type, target, proxy, timeout).flatMap(admitted -> {
            if (async) {
                admitted.outcome().cancel(false);
                return Uni.createFrom().item(accepted(admitted));
            }
            Duration patience = admitted.patience(config.solve().outcomeGrace());
            return Uni.createFrom().completionStage(admitted.outcome())
                    .ifNoItem().after(patience).failWith(TimeoutException::new)
                    .map(outcome -> answer(admitted, outcome))
                    .onFailure(TimeoutException.class).recoverWithItem(() -> {
                        admitted.outcome().cancel(false);
                        return timedOut(admitted);
                    });
        });
    }

    private static Response answer(SolveAdmission.Admitted admitted, SolveEvent outcome) {
        var request = admitted.request();
        if (outcome instanceof SolveSucceeded s) {
            return Response.ok(new SolveResponses.Success(true, s.solveId(), s.type().wireName(), "solved",
                    s.solution(), s.price(), s.elapsedMs(), request.occurredAt(), s.occurredAt())).build();
        }
        SolveFailed f = (SolveFailed) outcome;
        return Response.status(SolverErrorStatus.of(f.errorCode()))
                .entity(new SolveResponses.Failure(false, f.solveId(), f.type().wireName(), "failed",
                        new SolveResponses.Error(f.errorCode(), f.message()), 0, f.elapsedMs()))
                .build();
    }

    /** 202: the solve is admitted; its status and stream are at the given URLs. */
    private static Response accepted(SolveAdmission.Admitted admitted) {
        String id = admitted.request().solveId().toString();
        String statusUrl = "/api/solve/" + id;
        return Response.status(Response.Status.ACCEPTED).header("Location", statusUrl)
                .header("Preference-Applied", RESPOND_ASYNC)
                .entity(new SolveResponses.Accepted(admitted.request().solveId(), "pending", statusUrl, statusUrl + "/stream"))
                .build();
    }

    private static Response timedOut(SolveAdmission.Admitted admitted) {
        var request = admitted.request();
        long elapsed = Duration.between(request.occurredAt(), Instant.now()).toMillis();
        return Response.status(SolverErrorStatus.of(SolverErrorStatus.SOLVE_TIMEOUT))
                .entity(new SolveResponses.Failure(false, request.solveId(), request.type().wireName(), "failed",
                        new SolveResponses.Error(SolverErrorStatus.SOLVE_TIMEOUT, "no result before the request's timeout"),
                        0, elapsed))
                .build();
    }
}
