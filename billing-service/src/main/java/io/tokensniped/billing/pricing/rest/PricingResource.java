package io.tokensniped.billing.pricing.rest;

import io.tokensniped.billing.pricing.service.PriceList;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The public price list (no credential: prices are shown before anyone signs up). */
@Path("/api/billing/pricing")
@Produces(MediaType.APPLICATION_JSON)
public class PricingResource {

    private final PriceList prices;

    public PricingResource(PriceList prices) {
        this.prices = prices;
    }

    @GET
    public PriceList.Pricing pricing() {
        return prices.current();
    }
}
