package io.tokensniped.webhooks.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;

/** webhooks-service settings (prefix {@code tokensniped}). */
@ConfigMapping(prefix = "tokensniped")
public interface WebhooksConfig {

    Internal internal();

    Webhooks webhooks();

    interface Internal {

        /** Shared with the gateways: proves a request comes from one. */
        String secret();
    }

    interface Webhooks {

        int maxEndpointsPerAccount();

        /** How long the previous secret keeps signing after a rotation. */
        Duration rotationOverlap();

        /** balance.low threshold for accounts that did not choose one. */
        long defaultBalanceLowThreshold();

        /** Exact origins allowed although not public https (sandbox and test receivers); none by default. */
        Optional<Set<String>> operatorAllowedOrigins();

        Delivery delivery();
    }

    interface Delivery {

        Duration timeout();

        Duration initialDelay();

        double factor();

        Duration maxDelay();

        /** Each delay is spread by up to this fraction either way. */
        double jitter();

        int maxAttempts();

        Duration disableAfter();

        Duration pollInterval();

        Duration lease();

        int concurrency();

        int excerptChars();
    }
}
