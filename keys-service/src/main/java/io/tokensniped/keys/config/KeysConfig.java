package io.tokensniped.keys.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** keys-service settings (prefix {@code tokensniped}). */
@ConfigMapping(prefix = "tokensniped")
public interface KeysConfig {

    Keys keys();

    Demo demo();

    Sessions sessions();

    Internal internal();

    Targets targets();

    Outbox outbox();

    interface Outbox {

        /** How often committed events are looked for (read by the @Scheduled relay through the same property). */
        java.time.Duration pollInterval();

        int batchSize();

        /** How long the relay waits for the broker to acknowledge a batch before it retries later. */
        java.time.Duration sendTimeout();

        /** Published rows are kept this long (for diagnosis), then deleted. */
        java.time.Duration retention();
    }

    interface Targets {

        /**
         * Origins ({@code scheme://host:port}) that may be fetched for verification although they are not public:
         * exact origins, never bare hosts. None by default.
         */
        java.util.Optional<java.util.Set<String>> operatorAllowedOrigins();

        java.time.Duration fetchTimeout();

        int maxPerAccount();
    }

    interface Internal {

        /** Shared with the gateway: proves a request was authenticated there. */
        String secret();
    }

    interface Sessions {

        String issuer();

        java.time.Duration lifetime();

        String cookieName();

        /** Off only where the dashboard is served over plain http (local runs). */
        boolean secureCookie();

        /** PKCS#8 PEM; when absent a generated pair is used (see SessionKeys). */
        Optional<String> privateKey();

        Optional<String> publicKey();

        Throttle throttle();
    }

    interface Throttle {

        java.time.Duration window();

        int perIp();

        int perAccount();
    }

    interface Keys {

        /** Base62 characters after sk_live_/sk_test_; 40 gives about 238 bits. */
        int secretLength();

        /** How much of the key the dashboard may show again (sk_live_ plus a few characters). */
        int displayPrefixLength();

        int defaultRpm();

        int defaultRpd();

        /** Keys an account may hold at once (revoked ones do not count). */
        int maxPerAccount();
    }

    /** The local stack's demo account; absent in production. */
    interface Demo {

        Optional<String> email();

        Optional<String> password();

        /** A full live key chosen by the launcher, so it can print it. */
        Optional<String> apiKey();
    }
}
