package io.tokensniped.gateway.solve.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.auth.CurrentKey;
import io.tokensniped.gateway.auth.KnownKey;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.gateway.metrics.SolveAdmissionMetrics;
import io.tokensniped.gateway.solve.service.IdempotentSubmissions;
import io.tokensniped.gateway.solve.service.SolveAdmission;
import io.tokensniped.gateway.solve.service.SolveReplays;
import io.tokensniped.gateway.solve.service.SolveSubmission;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The three solve routes. Thin: admission, idempotency and outcomes live in the service package. */
@Tag(name = "Solving")
@Path("/api/solve")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SolveResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String RESPOND_ASYNC = "respond-async";

    private final SolveAdmission admission;
    private final IdempotentSubmissions idempotency;
    private final SolveReplays replays;
    private final CurrentKey currentKey;
    private final SolveAdmissionMetrics metrics;
    private final CurrentVertxRequest currentRequest;
    private final GatewayConfig config;

    public SolveResource(SolveAdmission admission, IdempotentSubmissions idempotency, SolveReplays replays,
            CurrentKey currentKey, SolveAdmissionMetrics metrics, CurrentVertxRequest currentRequest, GatewayConfig config) {
        this.admission = admission;
        this.idempotency = idempotency;
        this.replays = replays;
        this.currentKey = currentKey;
        this.metrics = metrics;
        this.currentRequest = currentRequest;
        this.config = config;
    }

    @POST
    @Path("/turnstile")
    public Uni<Response> turnstile(@Valid @NotNull TurnstileRequest body, @QueryParam("async") boolean async,
            @HeaderParam("Prefer") String prefer, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        SolveTarget target = SolveTarget.turnstile(body.pageUrl(), body.siteKey(), body.action(), body.cdata());
        return submit(new SolveSubmission(SolveType.TURNSTILE, body, target, body.proxy(), body.timeout(), body.callbackUrl()),
                async || respondAsync(prefer), idempotencyKey);
    }

    @POST
    @Path("/geetest")
    public Uni<Response> geetest(@Valid @NotNull GeetestRequest body, @QueryParam("async") boolean async,
            @HeaderParam("Prefer") String prefer, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        SolveTarget target = SolveTarget.geetest(body.pageUrl(), body.captchaId());
        return submit(new SolveSubmission(SolveType.GEETEST, body, target, body.proxy(), body.timeout(), body.callbackUrl()),
                async || respondAsync(prefer), idempotencyKey);
    }

    @POST
    @Path("/interstitial")
    public Uni<Response> interstitial(@Valid @NotNull InterstitialRequest body, @QueryParam("async") boolean async,
            @HeaderParam("Prefer") String prefer, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
        SolveTarget target = SolveTarget.interstitial(body.url(), body.userAgent());
        return submit(new SolveSubmission(SolveType.INTERSTITIAL, body, target, body.proxy(), body.timeout(), body.callbackUrl()),
                async || respondAsync(prefer), idempotencyKey);
    }

    private static boolean respondAsync(String prefer) {
        return prefer != null && prefer.toLowerCase(Locale.ROOT).contains(RESPOND_ASYNC);
    }

    private Uni<Response> submit(SolveSubmission submission, boolean async, String idempotencyKey) {
        KnownKey key = currentKey.get();
        RoutingContext ctx = currentRequest.getCurrent();
        if (idempotencyKey == null) {
            return admission.admit(key, submission)
                    .invoke(admitted -> metrics.admitted(ctx, admitted.request()))
                    .flatMap(admitted -> answer(admitted, async));
        }
        return idempotency.claim(key.accountId(), idempotencyKey, idempotency.fingerprint(submission)).flatMap(claim -> {
            if (claim instanceof IdempotentSubmissions.Replay replay) {
                return replay(key, replay, submission.type(), async);
            }
            IdempotentSubmissions.Fresh fresh = (IdempotentSubmissions.Fresh) claim;
            return admission.admit(key, submission)
                    .onFailure().call(refused -> idempotency.abandon(fresh))
                    .invoke(admitted -> metrics.admitted(ctx, admitted.request()))
                    .call(admitted -> idempotency.admitted(fresh, admitted.request()))
                    .flatMap(admitted -> answer(admitted, async));
        });
    }

    private Uni<Response> answer(SolveAdmission.Admitted admitted, boolean async) {
        var request = admitted.request();
        if (async) {
            // A live solve's outcome stays awaited (it frees the account's slot when it comes); a test one's need not.
            if (request.testMode()) {
                admitted.outcome().cancel(false);
            }
            return Uni.createFrom().item(accepted(request.solveId()));
        }
        Duration patience = admitted.patience(config.solve().outcomeGrace());
        return Uni.createFrom().completionStage(admitted.outcome())
                .ifNoItem().after(patience).failWith(TimeoutException::new)
                .map(outcome -> SolveResponses.of(request.occurredAt(), outcome))
                .onFailure(TimeoutException.class).recoverWithItem(() -> {
                    admitted.outcome().cancel(false);
                    return timedOut(request.solveId(), request.type(), request.occurredAt());
                });
    }

    /** The same solve as the first submission under this Idempotency-Key: its id at once, or its outcome. */
    private Uni<Response> replay(KnownKey key, IdempotentSubmissions.Replay replay, SolveType type, boolean async) {
        if (async) {
            return Uni.createFrom().item(accepted(replay.solveId()));
        }
        return replays.outcome(key.accountId(), replay).map((Optional<SolveEvent> outcome) -> outcome
                .map(event -> SolveResponses.of(replay.createdAt(), event))
                .orElseGet(() -> timedOut(replay.solveId(), type, replay.createdAt())));
    }

    /** 202: the solve is admitted; its status and stream are at the given URLs. */
    private static Response accepted(UUID solveId) {
        String statusUrl = "/api/solve/" + solveId;
        return Response.status(Response.Status.ACCEPTED).header("Location", statusUrl)
                .header("Preference-Applied", RESPOND_ASYNC)
                .entity(new SolveResponses.Accepted(solveId, "pending", statusUrl, statusUrl + "/stream"))
                .build();
    }

    private static Response timedOut(UUID solveId, SolveType type, Instant createdAt) {
        long elapsed = Duration.between(createdAt, Instant.now()).toMillis();
        return Response.status(SolveErrorCode.SOLVE_TIMEOUT.status())
                .entity(new SolveResponses.Failure(false, solveId, type.wireName(), "failed",
                        new SolveResponses.Error(SolveErrorCode.SOLVE_TIMEOUT, "no result before the request's timeout"),
                        0, elapsed))
                .build();
    }
}
