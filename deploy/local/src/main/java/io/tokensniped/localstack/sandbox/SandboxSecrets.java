package io.tokensniped.localstack.sandbox;

import io.tokensniped.localstack.RandomSecrets;

/** The payment providers' secrets of one run: random every time, so no value is known beyond this machine and run. */
public record SandboxSecrets(String stripeSecretKey, String stripeWebhookSecret, String cryptoApiKey, String cryptoIpnSecret) {

    private static final int LENGTH = 32;

    public static SandboxSecrets generate() {
        return new SandboxSecrets("sk_test_" + RandomSecrets.base62(LENGTH), "whsec_" + RandomSecrets.base62(LENGTH),
                "sandbox-" + RandomSecrets.base62(LENGTH), RandomSecrets.base62(LENGTH));
    }
}
