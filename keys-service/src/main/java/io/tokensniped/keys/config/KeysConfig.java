package io.tokensniped.keys.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** keys-service settings (prefix {@code tokensniped}). */
@ConfigMapping(prefix = "tokensniped")
public interface KeysConfig {

    Keys keys();

    Demo demo();

    interface Keys {
        /** Base62 characters after sk_live_/sk_test_; 40 gives about 238 bits. */
        int secretLength();

        /** How much of the key the dashboard may show again (sk_live_ plus a few characters). */
        int displayPrefixLength();

        int defaultRpm();

        int defaultRpd();
    }

    /** The local stack's demo account; absent in production. */
    interface Demo {
        Optional<String> email();

        Optional<String> password();

        /** A full live key chosen by the launcher, so it can print it. */
        Optional<String> apiKey();
    }
}
