package io.tokensniped.gateway.solve.service;

import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.targets.OperatorOrigins;
import io.tokensniped.support.targets.ReceiverPolicy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A solve request's {@code callbackUrl} is refused at admission by the rule webhooks-service applies to endpoints and
 * again at every delivery ({@link ReceiverPolicy}: https to public addresses only, or an operator's exact origin), so
 * a customer learns at once, not from a delivery log, that the URL can never be delivered to.
 */
@ApplicationScoped
public class SolveCallbacks {

    static final String FIELD = "callbackUrl";

    private final ReceiverPolicy policy;

    public SolveCallbacks(GatewayConfig config) {
        this.policy = new ReceiverPolicy(OperatorOrigins.of(config.webhooks().operatorAllowedOrigins().orElse(Set.of())));
    }

    /** Completes when the URL is absent or acceptable; else fails with 400 VALIDATION_ERROR naming the field. */
    public Uni<Void> check(String callbackUrl) {
        if (callbackUrl == null) {
            return Uni.createFrom().voidItem();
        }
        // Resolving the host blocks: off the event loop.
        return Uni.createFrom().<Void>emitter(emitter -> {
            try {
                policy.accept(callbackUrl);
                emitter.complete(null);
            } catch (ReceiverPolicy.Refused refused) {
                emitter.fail(ApiException.invalidField(FIELD, refused.getMessage()));
            } catch (RuntimeException unparsable) {
                // A host the resolver cannot even take (e.g. an illegal IPv6 literal): the customer's mistake, not ours.
                emitter.fail(ApiException.invalidField(FIELD, "is not a valid URL"));
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
