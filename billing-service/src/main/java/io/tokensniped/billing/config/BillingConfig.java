package io.tokensniped.billing.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** billing-service settings (prefix {@code tokensniped}). */
@ConfigMapping(prefix = "tokensniped")
public interface BillingConfig {

    Internal internal();

    DailyCredits dailyCredits();

    Holds holds();

    interface Internal {
        /** Shared with the gateways: proves a request comes from one. */
        String secret();
    }

    interface DailyCredits {
        /** Credits granted by one daily claim (once per account per UTC day). */
        long amount();
    }

    interface Holds {
        /** How often holds whose solve never reported an end are released (read by the @Scheduled sweep). */
        Duration expirySweepInterval();

        /** At most this many overdue holds are released per sweep. */
        int expirySweepBatch();
    }
}
