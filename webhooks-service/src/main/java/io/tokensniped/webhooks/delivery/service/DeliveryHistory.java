package io.tokensniped.webhooks.delivery.service;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.tokensniped.support.error.ApiException;
import io.tokensniped.webhooks.delivery.WebhookAttempt;
import io.tokensniped.webhooks.delivery.WebhookDelivery;
import io.tokensniped.webhooks.endpoint.WebhookEndpoint;
import io.tokensniped.webhooks.event.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** An endpoint's (or the account's per-solve callbacks') delivery log as its owner reads it, and the manual resend. */
@ApplicationScoped
public class DeliveryHistory {

    /** One delivery with its event and every attempt, oldest attempt first. */
    public record Entry(WebhookDelivery delivery, WebhookEvent event, List<WebhookAttempt> attempts) {
    }

    private static final int MAX_LIMIT = 100;

    private final Clock clock;
    private final DeliveryDispatcher dispatcher;

    public DeliveryHistory(Clock clock, DeliveryDispatcher dispatcher) {
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /** Newest first. */
    public List<Entry> of(UUID accountId, UUID endpointId, int limit) {
        owned(accountId, endpointId);
        return entries(WebhookDelivery.find("endpointId = ?1 order by createdAt desc, id", endpointId)
                .page(0, Math.max(1, Math.min(limit, MAX_LIMIT))).list());
    }

    /** The account's per-solve callbacks, newest first. */
    public List<Entry> callbacksOf(UUID accountId, int limit) {
        return entries(WebhookDelivery.find("accountId = ?1 and callbackUrl is not null order by createdAt desc, id",
                accountId).page(0, Math.max(1, Math.min(limit, MAX_LIMIT))).list());
    }

    private static List<Entry> entries(List<WebhookDelivery> deliveries) {
        return deliveries.stream().map(d -> new Entry(d, WebhookEvent.findById(d.eventId),
                WebhookAttempt.list("deliveryId = ?1 order by attemptedAt", d.id))).toList();
    }

    /**
     * Sends the delivery's event to the endpoint again, now, as a new delivery (with a fresh schedule) of the same event:
     * the same webhook-id, so a receiver that already has it recognises it.
     */
    @Transactional
    public WebhookDelivery resend(UUID accountId, UUID endpointId, UUID deliveryId) {
        owned(accountId, endpointId);
        WebhookDelivery original = WebhookDelivery.<WebhookDelivery>findByIdOptional(deliveryId)
                .filter(d -> endpointId.equals(d.endpointId))
                .orElseThrow(() -> ApiException.notFound("webhook delivery"));
        WebhookDelivery again = WebhookDelivery.pending(original.eventId, endpointId, clock.instant());
        again.persist();
        dispatcher.wake();
        return again;
    }

    /** A per-solve callback sent again now, to the same URL, as a new delivery of the same event. */
    @Transactional
    public WebhookDelivery resendCallback(UUID accountId, UUID deliveryId) {
        WebhookDelivery original = WebhookDelivery.<WebhookDelivery>findByIdOptional(deliveryId)
                .filter(d -> d.isCallback() && accountId.equals(d.accountId))
                .orElseThrow(() -> ApiException.notFound("callback delivery"));
        WebhookDelivery again = WebhookDelivery.callback(original.eventId, accountId, original.callbackUrl, clock.instant());
        again.persist();
        dispatcher.wake();
        return again;
    }

    private static void owned(UUID accountId, UUID endpointId) {
        WebhookEndpoint.<WebhookEndpoint>findByIdOptional(endpointId).filter(e -> e.accountId.equals(accountId))
                .orElseThrow(() -> ApiException.notFound("webhook endpoint"));
    }

}
