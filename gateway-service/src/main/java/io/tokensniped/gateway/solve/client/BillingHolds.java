package io.tokensniped.gateway.solve.client;

import java.net.ConnectException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.common.ServiceCall;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.gateway.credit.service.CreditReservations;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * billing-service's credit holds, as the gateway uses them: place one before a live solve is queued (402 when the
 * available balance is short), withdraw it when the solve could not be queued. Billing settles it from the solve's
 * outcome; see docs/architecture.md, "Credits". When billing cannot be reached, placing fails with
 * {@link Unreachable}, which admission may answer with a provisional reservation instead.
 */
@ApplicationScoped
public class BillingHolds {

    private static final Logger LOG = Logger.getLogger(BillingHolds.class);
    private static final String HOLDS_PATH = "/internal/holds";

    record PlaceHold(UUID solveId, UUID accountId, long amount, Instant expiresAt) {
    }

    /**
     * Billing did not answer (refused connection, timeout, 5xx). After a timeout it may still have placed the hold
     * ({@code inDoubt}); a refused connection or an error answer placed nothing. Carries the 503 the customer gets
     * unless admission proceeds without billing.
     */
    public static final class Unreachable extends RuntimeException {

        private final ApiException answer;
        private final boolean inDoubt;

        Unreachable(ApiException answer, Throwable cause, boolean inDoubt) {
            super(answer.getMessage(), cause, false, false);
            this.answer = answer;
            this.inDoubt = inDoubt;
        }

        public ApiException answer() {
            return answer;
        }

        public boolean inDoubt() {
            return inDoubt;
        }
    }

    private final ServiceCall billing;
    private final ObjectMapper json;
    private final GatewayConfig.Solve settings;
    private final CreditReservations reservations;

    public BillingHolds(Vertx vertx, ObjectMapper json, GatewayConfig config, CreditReservations reservations) {
        this.settings = config.solve();
        this.reservations = reservations;
        this.billing = new ServiceCall(vertx, config.services().billing().url(), config.internal().secret(),
                settings.holdTimeout(),
                config.services().connections());
        this.json = json;
    }

    /**
     * Completes when the hold is placed; fails with 402 INSUFFICIENT_CREDITS, with {@link Unreachable} when billing
     * cannot answer, or with 503 when it answers otherwise.
     */
    public Uni<Void> place(UUID solveId, UUID accountId, long amount, Instant deadline) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(new PlaceHold(solveId, accountId, amount, deadline.plus(settings.holdGrace())));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return billing.send(HttpMethod.POST, HOLDS_PATH, Buffer.buffer(body), Map.of())
                .onFailure().transform(e -> e instanceof ApiException
                        ? e
                        : new Unreachable(unavailable(), e, !refusedConnection(e)))
                .flatMap(this::placed);
    }

    private Uni<Void> placed(ServiceCall.Answer answer) {
        if (answer.status() == 201) {
            return Uni.createFrom().voidItem();
        }
        if (answer.status() == 402) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.INSUFFICIENT_CREDITS, message(answer.body())));
        }
        LOG.warnf("billing answered %d to a hold", answer.status());
        return Uni.createFrom().failure(answer.status() >= 500
                ? new Unreachable(unavailable(), null, answer.status() == 502 || answer.status() == 504)
                : unavailable());
    }

    /**
     * Withdraws the hold of a solve that was not admitted, or tells billing that its solve ended before any hold (its
     * SolveRequested may still be delivered, with a provisional hold that must then never be placed). Tried again
     * while billing cannot answer, for as long as such a record could still reach billing; then the solve's reservation
     * is forgotten. A hold that could not be withdrawn expires and is released by billing's sweep.
     */
    public void withdraw(UUID solveId, UUID accountId) {
        billing.send(HttpMethod.DELETE, HOLDS_PATH + "/" + solveId + "?accountId=" + accountId, Buffer.buffer(), Map.of())
                .flatMap(answer -> answer.status() >= 500
                        ? Uni.createFrom().failure(new IllegalStateException("billing answered " + answer.status()))
                        : Uni.createFrom().item(answer))
                .onFailure().retry().withBackOff(settings.withdrawBackoff(), settings.withdrawMaxBackoff())
                .expireIn(settings.withdrawPatience().toMillis())
                .subscribe().with(
                        answer -> {
                            if (answer.status() == 204) {
                                reservations.forget(accountId, solveId);
                            } else {
                                LOG.warnf("billing answered %d to withdrawing the hold of solve %s", answer.status(), solveId);
                            }
                        },
                        e -> LOG.warnf("could not withdraw the hold of solve %s (it will expire): %s", solveId,
                                e.getMessage()));
    }

    /** Nothing reached billing: the request cannot have placed a hold. */
    private static boolean refusedConnection(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private String message(Buffer body) {
        try {
            JsonNode error = json.readTree(body.getBytes()).path("error");
            return error.path("message").asText("the balance does not cover this solve");
        } catch (java.io.IOException e) {
            return "the balance does not cover this solve";
        }
    }

    private ApiException unavailable() {
        return ApiException.unavailable("billing is unavailable, retry shortly", settings.billingRetryAfterSeconds());
    }
}
