package io.tokensniped.billing.provider.rest;

import java.util.List;

import io.tokensniped.billing.provider.PaymentProvider;
import io.tokensniped.billing.provider.service.PaymentProviders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Extension: which ways to pay the dashboard may offer (docs/api-extensions.md, Billing). */
@Path("/api/billing/payment-providers")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentProviderResource {

    private final PaymentProviders providers;

    public PaymentProviderResource(PaymentProviders providers) {
        this.providers = providers;
    }

    @GET
    public List<PaymentProvider> list() {
        return providers.all();
    }
}
