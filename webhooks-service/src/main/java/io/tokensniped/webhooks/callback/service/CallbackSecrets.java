package io.tokensniped.webhooks.callback.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.tokensniped.webhooks.config.WebhooksConfig;
import io.tokensniped.webhooks.delivery.service.WebhookSigner;
import io.tokensniped.webhooks.settings.WebhookAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The secret that signs an account's per-solve callbacks. One per account rather than one per request: a callbackUrl
 * is named on a solve request (often by an API key's holder), so the secret cannot travel with it; the account's owner
 * reads it from the dashboard (or GET /api/webhooks/callbacks) once and configures the receiver with it. It is made
 * the first time it is needed, by whichever comes first: the owner asking for it, or a callback to sign.
 */
@ApplicationScoped
public class CallbackSecrets {

    private final EntityManager entityManager;
    private final Clock clock;
    private final WebhooksConfig.Webhooks config;

    public CallbackSecrets(EntityManager entityManager, Clock clock, WebhooksConfig config) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.config = config.webhooks();
    }

    /** The account's settings row, with a callback secret (made now if it had none; concurrent callers agree). */
    @Transactional
    public WebhookAccount of(UUID accountId) {
        entityManager.createNativeQuery("""
                INSERT INTO webhook_account (account_id, callback_secret) VALUES (?1, ?2)
                ON CONFLICT (account_id) DO UPDATE
                    SET callback_secret = COALESCE(webhook_account.callback_secret, EXCLUDED.callback_secret)""")
                .setParameter(1, accountId).setParameter(2, WebhookSigner.newSecret()).executeUpdate();
        WebhookAccount account = entityManager.find(WebhookAccount.class, accountId);
        entityManager.refresh(account);
        return account;
    }

    /** A new secret; the previous one keeps signing beside it for the rotation overlap (as an endpoint's does). */
    @Transactional
    public WebhookAccount rotate(UUID accountId) {
        of(accountId);
        WebhookAccount account = entityManager.find(WebhookAccount.class, accountId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        account.callbackPreviousSecret = account.callbackSecret;
        account.callbackPreviousSecretExpiresAt = now.plus(config.rotationOverlap());
        account.callbackSecret = WebhookSigner.newSecret();
        return account;
    }
}
