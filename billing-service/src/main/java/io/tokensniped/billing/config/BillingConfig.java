package io.tokensniped.billing.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** billing-service settings (prefix {@code tokensniped}). */
@ConfigMapping(prefix = "tokensniped")
public interface BillingConfig {

    Internal internal();

    DailyCredits dailyCredits();

    Solve solve();

    interface Solve {

        /** Credits per successful solve, as the gateway charges them (same property names): shown in the price list. */
        SolvePrices price();
    }

    interface SolvePrices {

        long turnstile();

        long geetest();

        long interstitial();
    }

    Holds holds();

    /** The credit packages on sale, by id. */
    Map<String, CreditPackage> packages();

    Stripe stripe();

    Outbox outbox();

    Crypto crypto();

    Payments payments();

    interface Payments {

        /**
         * True when the payment providers are local stand-ins (the run command's sandbox): the dashboard says so.
         * Set only by the launcher, never by default.
         */
        boolean sandbox();

        /** The sandbox's wallet page, where a customer "pays" a crypto payment (its id appended); sandbox only. */
        Optional<String> sandboxWalletUrl();
    }

    interface Crypto {

        /** The provider's API (NOWPayments: https://api.nowpayments.io); a local stand-in in tests. */
        String apiBase();

        /** Without it (or without the IPN secret) crypto payments are not configured: 503, nothing credited. */
        Optional<String> apiKey();

        /** Signs the provider's IPN callbacks (HMAC-SHA512). No fallback: an unsigned platform credits nothing. */
        Optional<String> ipnSecret();

        /** Where the provider posts status changes: the public webhook route through the gateway. */
        String ipnCallbackUrl();

        /** Currency codes offered to customers (lower case, the provider's codes). */
        List<String> accepted();

        Duration timeout();

        /** How long the list of currencies (with minimum amounts) is reused before the provider is asked again. */
        Duration currenciesCacheTtl();
    }

    /** A BalanceLow event is published when an account's credits fall below this. */
    long balanceLowThreshold();

    interface Outbox {

        /** How often committed events are looked for (read by the @Scheduled relay through the same property). */
        Duration pollInterval();

        int batchSize();

        /** How long the relay waits for the broker to acknowledge a batch before it retries later. */
        Duration sendTimeout();

        /** Published rows are kept this long (for diagnosis), then deleted. */
        Duration retention();
    }

    interface CreditPackage {

        long credits();

        BigDecimal priceUsd();
    }

    interface Stripe {

        /** Secret API key (sk_live_/sk_test_), from the environment; without it card payments are not configured. */
        Optional<String> secretKey();

        /** The webhook endpoint's signing secret (whsec_...); no fallback, so nobody can sign with a known value. */
        Optional<String> webhookSecret();

        /** Only to point stripe-java at a local stand-in of Stripe's API (tests); Stripe's own otherwise. */
        Optional<String> apiBase();

        /** Where Checkout sends the customer after paying, and after giving up. */
        String successUrl();

        String cancelUrl();

        /** Seconds a webhook's signature timestamp may be old (replay window; stripe-java's default is 300). */
        long webhookTolerance();
    }

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

        /**
         * A provisional hold (a solve admitted while billing was away) read after its own expiry still lives this
         * long, so its solve's outcome, read next, can settle it rather than find it swept.
         */
        Duration provisionalGrace();
    }
}
