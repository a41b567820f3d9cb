package io.tokensniped.billing.provider.service;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.tokensniped.billing.provider.PaymentProvider;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reports each provider's configuration with billing's readiness, where the gateway's {@code /api/health} reads it.
 * Always up: an unconfigured provider is a choice of the operator, not an outage.
 */
@Readiness
@ApplicationScoped
public class PaymentProvidersCheck implements HealthCheck {

    public static final String NAME = "payment-providers";

    private final PaymentProviders providers;

    public PaymentProvidersCheck(PaymentProviders providers) {
        this.providers = providers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (PaymentProvider provider : providers.all()) {
            response.withData(provider.id(), provider.status().wireName());
        }
        return response.build();
    }
}
