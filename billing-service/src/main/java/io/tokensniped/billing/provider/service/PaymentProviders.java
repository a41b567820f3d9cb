package io.tokensniped.billing.provider.service;

import java.util.List;

import io.tokensniped.billing.config.BillingConfig;
import io.tokensniped.billing.provider.PaymentProvider;
import io.tokensniped.billing.provider.PaymentProvider.Status;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which payment providers this platform can take money through. A provider is configured only when every secret it
 * needs is set: there is no fallback value anyone could sign a forged payment with. An unconfigured provider's
 * checkout and webhook answer 503 PAYMENT_PROVIDER_NOT_CONFIGURED and credit nothing.
 */
@ApplicationScoped
public class PaymentProviders {

    private final List<PaymentProvider> providers;

    public PaymentProviders(BillingConfig config) {
        boolean sandbox = config.payments().sandbox();
        boolean stripe = config.stripe().secretKey().isPresent() && config.stripe().webhookSecret().isPresent();
        boolean crypto = config.crypto().apiKey().isPresent() && config.crypto().ipnSecret().isPresent();
        this.providers = List.of(
                new PaymentProvider(PaymentProvider.STRIPE, "Card (Stripe)", stripe ? Status.CONFIGURED : Status.NOT_CONFIGURED,
                        sandbox),
                new PaymentProvider(PaymentProvider.CRYPTO, "Crypto (NOWPayments)",
                        crypto ? Status.CONFIGURED : Status.NOT_CONFIGURED,
                        sandbox));
    }

    public List<PaymentProvider> all() {
        return providers;
    }

    /** Refuses the operation when the provider is not configured. */
    public void require(String id) {
        PaymentProvider provider = providers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        if (provider.status() != Status.CONFIGURED) {
            throw new ApiException(ErrorCode.PAYMENT_PROVIDER_NOT_CONFIGURED, provider.name()
                    + " payments are not configured on this platform; no payment can be made or credited through it");
        }
    }
}
