package io.tokensniped.webhooks.endpoint.service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.targets.OperatorOrigins;
import io.tokensniped.support.targets.ReceiverPolicy;
import io.tokensniped.webhooks.config.WebhooksConfig;
import io.tokensniped.webhooks.delivery.service.WebhookSigner;
import io.tokensniped.webhooks.endpoint.EventType;
import io.tokensniped.webhooks.endpoint.WebhookEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** An account's endpoints: created, changed, rotated and deleted by their owner only (another's id is not found). */
@ApplicationScoped
public class WebhookEndpoints {

    /** What a customer may set; null fields are left as they are on update. */
    public record Changes(String url, String description, List<String> eventTypes, Boolean enabled) {
    }

    /** An endpoint with its secret, which is shown only when it is made (creation, rotation). */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {
    }

    private final Clock clock;
    private final WebhooksConfig.Webhooks config;
    private final ReceiverPolicy policy;

    public WebhookEndpoints(Clock clock, WebhooksConfig config) {
        this.clock = clock;
        this.config = config.webhooks();
        this.policy = new ReceiverPolicy(OperatorOrigins.of(this.config.operatorAllowedOrigins().orElse(Set.of())));
    }

    public List<WebhookEndpoint> list(UUID accountId) {
        return WebhookEndpoint.ofAccount(accountId);
    }

    public Optional<WebhookEndpoint> find(UUID accountId, UUID id) {
        return WebhookEndpoint.<WebhookEndpoint>findByIdOptional(id).filter(e -> e.accountId.equals(accountId));
    }

    @Transactional
    public WithSecret create(UUID accountId, Changes changes) {
        if (changes.url() == null) {
            throw ApiException.invalid("url is required");
        }
        if (WebhookEndpoint.count("accountId", accountId) >= config.maxEndpointsPerAccount()) {
            throw ApiException.conflict("an account has at most " + config.maxEndpointsPerAccount() + " webhook endpoints");
        }
        Instant now = clock.instant();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.accountId = accountId;
        endpoint.url = acceptedUrl(changes.url());
        endpoint.description = changes.description();
        endpoint.eventTypes = eventTypes(changes.eventTypes() == null ? allTypes() : changes.eventTypes());
        endpoint.enabled = changes.enabled() == null || changes.enabled();
        endpoint.secret = WebhookSigner.newSecret();
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        endpoint.persist();
        return new WithSecret(endpoint, endpoint.secret);
    }

    @Transactional
    public WebhookEndpoint update(UUID accountId, UUID id, Changes changes) {
        WebhookEndpoint endpoint = find(accountId, id).orElseThrow(() -> ApiException.notFound("webhook endpoint"));
        if (changes.url() != null) {
            endpoint.url = acceptedUrl(changes.url());
        }
        if (changes.description() != null) {
            endpoint.description = changes.description();
        }
        if (changes.eventTypes() != null) {
            endpoint.eventTypes = eventTypes(changes.eventTypes());
        }
        if (changes.enabled() != null) {
            if (changes.enabled() && !endpoint.enabled) {
                // Enabled again by its owner: the failure history that disabled it starts over.
                endpoint.failingSince = null;
                endpoint.disabledReason = null;
            } else if (!changes.enabled() && endpoint.enabled) {
                endpoint.disabledReason = "disabled by the account";
            }
            endpoint.enabled = changes.enabled();
        }
        endpoint.updatedAt = clock.instant();
        return endpoint;
    }

    /** A new secret; the previous one keeps signing (beside it) for the rotation overlap. */
    @Transactional
    public WithSecret rotateSecret(UUID accountId, UUID id) {
        WebhookEndpoint endpoint = find(accountId, id).orElseThrow(() -> ApiException.notFound("webhook endpoint"));
        Instant now = clock.instant();
        endpoint.previousSecret = endpoint.secret;
        endpoint.previousSecretExpiresAt = now.plus(config.rotationOverlap());
        endpoint.secret = WebhookSigner.newSecret();
        endpoint.updatedAt = now;
        return new WithSecret(endpoint, endpoint.secret);
    }

    @Transactional
    public void delete(UUID accountId, UUID id) {
        WebhookEndpoint endpoint = find(accountId, id).orElseThrow(() -> ApiException.notFound("webhook endpoint"));
        endpoint.delete();
    }

    private String acceptedUrl(String url) {
        try {
            return policy.accept(url).toString();
        } catch (ReceiverPolicy.Refused refused) {
            throw ApiException.invalid(refused.getMessage());
        }
    }

    private static List<String> allTypes() {
        return java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toList();
    }

    private static String eventTypes(List<String> names) {
        if (names.isEmpty()) {
            throw ApiException.invalid("eventTypes must name at least one event type");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String name : names) {
            unique.add(EventType.fromWire(name).orElseThrow(() -> ApiException.invalid("unknown event type " + name
                    + "; one of " + allTypes())).wireName());
        }
        return unique.stream().collect(Collectors.joining(","));
    }
}
