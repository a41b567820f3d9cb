package io.tokensniped.webhooks.callback.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.gateway.Caller;
import io.tokensniped.webhooks.callback.service.CallbackSecrets;
import io.tokensniped.webhooks.delivery.WebhookDelivery;
import io.tokensniped.webhooks.delivery.rest.DeliveryResource;
import io.tokensniped.webhooks.delivery.service.DeliveryHistory;
import io.tokensniped.webhooks.settings.WebhookAccount;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Per-solve callbacks (a solve request's callbackUrl): the account's signing secret, the delivery log, resend. */
@Path("/api/webhooks/callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class CallbackResource {

    /** The secret that signs every callback of the account; the previous one signs beside it until the instant given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallbackSecret(String secret, Instant previousSecretExpiresAt) {

        static CallbackSecret of(WebhookAccount account) {
            Instant expires = account.callbackPreviousSecretExpiresAt;
            return new CallbackSecret(account.callbackSecret,
                    expires != null && expires.isAfter(Instant.now()) ? expires : null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallbackDelivery(UUID id, String eventId, String eventType, String url, String status, int attempts,
            Instant nextAttemptAt, Instant createdAt, List<DeliveryResource.Attempt> attemptLog) {
    }

    private final CallbackSecrets secrets;
    private final DeliveryHistory history;

    public CallbackResource(CallbackSecrets secrets, DeliveryHistory history) {
        this.secrets = secrets;
        this.history = history;
    }

    @GET
    @Path("/secret")
    public CallbackSecret secret(@Context HttpServerRequest request) {
        return CallbackSecret.of(secrets.of(Caller.account(request)));
    }

    @POST
    @Path("/rotate-secret")
    public CallbackSecret rotate(@Context HttpServerRequest request) {
        return CallbackSecret.of(secrets.rotate(Caller.account(request)));
    }

    @GET
    @Path("/deliveries")
    public List<CallbackDelivery> deliveries(@Context HttpServerRequest request,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return history.callbacksOf(Caller.account(request), limit).stream()
                .map(e -> new CallbackDelivery(e.delivery().id, e.event().messageId(), e.event().type,
                        e.delivery().callbackUrl, e.delivery().status, e.delivery().attempts, e.delivery().nextAttemptAt,
                        e.delivery().createdAt, e.attempts().stream().map(a -> new DeliveryResource.Attempt(a.attemptedAt,
                                a.latencyMs, a.responseCode, a.excerpt, a.error, a.succeeded)).toList()))
                .toList();
    }

    @POST
    @Path("/deliveries/{deliveryId}/resend")
    public Response resend(@Context HttpServerRequest request, @PathParam("deliveryId") String deliveryId) {
        WebhookDelivery again = history.resendCallback(Caller.account(request),
                ApiException.pathId(deliveryId, "callback delivery"));
        return Response.status(Response.Status.ACCEPTED).entity(new CallbackDelivery(again.id, null, null,
                again.callbackUrl, again.status, again.attempts, again.nextAttemptAt, again.createdAt, List.of())).build();
    }
}
