package io.tokensniped.webhooks.delivery.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.gateway.Caller;
import io.tokensniped.webhooks.delivery.WebhookAttempt;
import io.tokensniped.webhooks.delivery.WebhookDelivery;
import io.tokensniped.webhooks.delivery.service.DeliveryHistory;
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

/** An endpoint's delivery log and manual resend. */
@Path("/api/webhooks/{endpointId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(Instant attemptedAt, long latencyMs, Integer responseCode, String responseExcerpt,
            String error, boolean succeeded) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(UUID id, String eventId, String eventType, String status, int attempts,
            Instant nextAttemptAt, Instant createdAt, List<Attempt> attemptLog) {
    }

    private static final String ENDPOINT = "webhook endpoint";

    private final DeliveryHistory history;

    public DeliveryResource(DeliveryHistory history) {
        this.history = history;
    }

    @GET
    public List<Delivery> list(@Context HttpServerRequest request, @PathParam("endpointId") String endpointId,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return history.of(Caller.account(request), ApiException.pathId(endpointId, ENDPOINT), limit).stream()
                .map(e -> view(e.delivery(), e.event().messageId(), e.event().type, e.attempts())).toList();
    }

    @POST
    @Path("/{deliveryId}/resend")
    public Response resend(@Context HttpServerRequest request, @PathParam("endpointId") String endpointId,
            @PathParam("deliveryId") String deliveryId) {
        WebhookDelivery again = history.resend(Caller.account(request), ApiException.pathId(endpointId, ENDPOINT),
                ApiException.pathId(deliveryId, "webhook delivery"));
        return Response.status(Response.Status.ACCEPTED).entity(new Delivery(again.id, null, null, again.status,
                again.attempts, again.nextAttemptAt, again.createdAt, List.of())).build();
    }

    private static Delivery view(WebhookDelivery d, String eventId, String type, List<WebhookAttempt> attempts) {
        return new Delivery(d.id, eventId, type, d.status, d.attempts, d.nextAttemptAt, d.createdAt,
                attempts.stream().map(a -> new Attempt(a.attemptedAt, a.latencyMs, a.responseCode, a.excerpt, a.error,
                        a.succeeded)).toList());
    }
}
