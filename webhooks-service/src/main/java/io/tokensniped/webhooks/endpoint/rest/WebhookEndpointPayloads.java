package io.tokensniped.webhooks.endpoint.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tokensniped.webhooks.endpoint.WebhookEndpoint;
import jakarta.validation.constraints.Size;

/** Bodies of /api/webhooks. */
public final class WebhookEndpointPayloads {

    private WebhookEndpointPayloads() {
    }

    public record EndpointRequest(@Size(max = 2048) String url, @Size(max = 256) String description,
            @Size(max = 16) List<String> eventTypes, Boolean enabled) {
    }

    /** {@code secret} only in the answers that create it (creation, rotation). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Endpoint(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
            String disabledReason, Instant failingSince, Instant createdAt, Instant updatedAt, String secret,
            Instant previousSecretExpiresAt) {

        static Endpoint of(WebhookEndpoint e, String secret) {
            return new Endpoint(e.id, e.url, e.description, e.eventTypeList(), e.enabled, e.disabledReason,
                    e.failingSince, e.createdAt, e.updatedAt, secret, e.previousSecretExpiresAt);
        }
    }
}
