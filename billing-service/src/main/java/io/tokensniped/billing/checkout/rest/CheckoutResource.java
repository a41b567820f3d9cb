package io.tokensniped.billing.checkout.rest;

import java.util.List;

import io.tokensniped.billing.checkout.service.CreditPackages;
import io.tokensniped.billing.checkout.service.StripePayments;
import io.tokensniped.support.gateway.Caller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Packages, Stripe Checkout, and Stripe's webhook. */
@Path("/api/billing")
@Produces(MediaType.APPLICATION_JSON)
public class CheckoutResource {

    public record StripeCheckoutRequest(@NotBlank @Size(max = 64) String packageId) {
    }

    private final CreditPackages packages;
    private final StripePayments stripe;

    public CheckoutResource(CreditPackages packages, StripePayments stripe) {
        this.packages = packages;
        this.stripe = stripe;
    }

    @GET
    @Path("/packages")
    public List<CreditPackages.CreditPackage> packages() {
        return packages.all();
    }

    @POST
    @Path("/checkout/stripe")
    @Consumes(MediaType.APPLICATION_JSON)
    public StripePayments.Checkout stripeCheckout(@Context HttpServerRequest request,
            @Valid @NotNull StripeCheckoutRequest body) {
        return stripe.checkout(Caller.of(request).requireAccount(), body.packageId());
    }

    /** The raw body is what Stripe signed: it is read as text, never re-serialised, before verification. */
    @POST
    @Path("/webhooks/stripe")
    @Consumes(MediaType.WILDCARD)
    public Response stripeWebhook(String payload, @HeaderParam("Stripe-Signature") String signature) {
        stripe.handle(payload, signature);
        return Response.ok("{\"received\":true}").build();
    }
}
