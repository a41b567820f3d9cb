package io.tokensniped.gateway.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.tokensniped.gateway.auth.ApiKeyDirectory;
import io.tokensniped.gateway.solve.service.SolveOutcomes;
import jakarta.enterprise.context.ApplicationScoped;

/** Ready only once the key directory has read the whole key topic and the outcome follower is in place. */
@Readiness
@ApplicationScoped
public class GatewayReadiness implements HealthCheck {

    private final ApiKeyDirectory directory;
    private final SolveOutcomes outcomes;

    public GatewayReadiness(ApiKeyDirectory directory, SolveOutcomes outcomes) {
        this.directory = directory;
        this.outcomes = outcomes;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("gateway-kafka-views")
                .status(directory.ready() && outcomes.ready())
                .withData("keyDirectory", directory.ready())
                .withData("solveOutcomes", outcomes.ready())
                .build();
    }
}
