package io.tokensniped.billing.crypto.rest;

import java.util.List;

import io.tokensniped.billing.crypto.client.CryptoPaymentProvider;
import io.tokensniped.billing.crypto.service.CryptoPayments;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Crypto currencies, checkout, a payment's status, and the provider's callbacks. */
@Path("/api/billing")
@Produces(MediaType.APPLICATION_JSON)
public class CryptoResource {

    public record CryptoCheckoutRequest(@NotBlank @Size(max = 64) String packageId, @NotBlank @Size(max = 32) String currency) {
    }

    private final CryptoPayments payments;

    public CryptoResource(CryptoPayments payments) {
        this.payments = payments;
    }

    @GET
    @Path("/crypto/currencies")
    public List<CryptoPaymentProvider.Currency> currencies() {
        return payments.currencies();
    }

    @POST
    @Path("/checkout/crypto")
    @Consumes(MediaType.APPLICATION_JSON)
    public CryptoPayments.Checkout checkout(@Context HttpServerRequest request, @Valid @NotNull CryptoCheckoutRequest body) {
        return payments.checkout(Caller.of(request).requireAccount(), body.packageId(), body.currency());
    }

    /** Extension: the payment screen polls (or streams) this to show the status as it changes. */
    @GET
    @Path("/crypto/payments/{id}")
    public CryptoPayments.Checkout payment(@Context HttpServerRequest request, @PathParam("id") String id) {
        return payments.status(Caller.of(request).requireAccount(), id);
    }

    @POST
    @Path("/webhooks/crypto")
    @Consumes(MediaType.WILDCARD)
    public Response callback(String body, @HeaderParam("x-nowpayments-sig") String signature) {
        payments.callback(body, signature);
        return Response.ok("{\"received\":true}").build();
    }
}
