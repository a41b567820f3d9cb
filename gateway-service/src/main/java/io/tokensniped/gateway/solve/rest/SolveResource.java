package io.tokensniped.gateway.solve.rest;

import java.util.Locale;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.auth.CurrentKey;
import io.tokensniped.gateway.metrics.SolveAdmissionMetrics;
import io.tokensniped.gateway.solve.service.SolveSubmission;
import io.tokensniped.gateway.solve.service.SolveSubmissions;
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

/**
 * The three solve routes. Thin: the body becomes a {@link SolveSubmission}, {@link SolveSubmissions} claims, admits and
 * (unless async) awaits it, and {@link SolveResponses} renders the answer.
 */
@Tag(name = "Solving")
@Path("/api/solve")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SolveResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SolveSubmissions submissions;
    private final CurrentKey currentKey;
    private final SolveAdmissionMetrics metrics;
    private final CurrentVertxRequest currentRequest;

    public SolveResource(SolveSubmissions submissions, CurrentKey currentKey, SolveAdmissionMetrics metrics,
            CurrentVertxRequest currentRequest) {
        this.submissions = submissions;
        this.currentKey = currentKey;
        this.metrics = metrics;
        this.currentRequest = currentRequest;
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
        return submit(
                new SolveSubmission(SolveType.INTERSTITIAL, body, target, body.proxy(), body.timeout(), body.callbackUrl()),
                async || respondAsync(prefer), idempotencyKey);
    }

    private static boolean respondAsync(String prefer) {
        return prefer != null && prefer.toLowerCase(Locale.ROOT).contains(SolveResponses.RESPOND_ASYNC);
    }

    private Uni<Response> submit(SolveSubmission submission, boolean async, String idempotencyKey) {
        RoutingContext ctx = currentRequest.getCurrent();
        return submissions
                .submit(currentKey.get(), submission, async, idempotencyKey, admitted -> metrics.admitted(ctx, admitted))
                .map(SolveResponses::render);
    }
}
