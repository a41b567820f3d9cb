package io.tokensniped.gateway.solve.client;

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
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * billing-service's credit holds, as the gateway uses them: place one before a live solve is queued (402 when the
 * available balance is short), withdraw it when the solve could not be queued. Billing settles it from the solve's
 * outcome; see docs/architecture.md, "Credits".
 */
@ApplicationScoped
public class BillingHolds {

    private static final Logger LOG = Logger.getLogger(BillingHolds.class);
    private static final String HOLDS_PATH = "/internal/holds";

    record PlaceHold(UUID solveId, UUID accountId, long amount, Instant expiresAt) {
    }

    private final ServiceCall billing;
    private final ObjectMapper json;
    private final GatewayConfig.Solve settings;

    public BillingHolds(Vertx vertx, ObjectMapper json, GatewayConfig config) {
        this.settings = config.solve();
        this.billing = new ServiceCall(vertx, config.services().billing().url(), config.internal().secret(),
                settings.holdTimeout(),
                config.services().connections());
        this.json = json;
    }

    /** Completes when the hold is placed; fails with 402 INSUFFICIENT_CREDITS, or 503 when billing cannot answer. */
    public Uni<Void> place(UUID solveId, UUID accountId, long amount, Instant deadline) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(new PlaceHold(solveId, accountId, amount, deadline.plus(settings.holdGrace())));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return billing.send(HttpMethod.POST, HOLDS_PATH, Buffer.buffer(body), Map.of())
                .onFailure().transform(e -> e instanceof ApiException ? e : unavailable())
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
        return Uni.createFrom().failure(unavailable());
    }

    /** Best effort: a hold that cannot be withdrawn now expires and is released by billing's sweep. */
    public void withdraw(UUID solveId) {
        billing.send(HttpMethod.DELETE, HOLDS_PATH + "/" + solveId, Buffer.buffer(), Map.of()).subscribe().with(
                answer -> {
                    if (answer.status() != 204) {
                        LOG.warnf("billing answered %d to withdrawing the hold of solve %s", answer.status(), solveId);
                    }
                },
                e -> LOG.warnf("could not withdraw the hold of solve %s (it will expire): %s", solveId, e.getMessage()));
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
