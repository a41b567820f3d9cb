package io.tokensniped.localstack.sandbox;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tokensniped.localstack.http.HttpStandIn;

/**
 * The run command's payment sandbox: local stand-ins of Stripe Checkout and of the crypto provider on one loopback
 * port, with this run's freshly generated secrets. Only the launcher wires billing to it; billing itself has no
 * default secret or provider, and says "sandbox" to customers when told it runs against this.
 */
public final class PaymentSandbox implements AutoCloseable {

    private final HttpStandIn server;
    private final NowPaymentsSandbox crypto;
    private final SandboxSecrets secrets;

    private PaymentSandbox(HttpStandIn server, NowPaymentsSandbox crypto, SandboxSecrets secrets) {
        this.server = server;
        this.crypto = crypto;
        this.secrets = secrets;
    }

    /** Starts on a free loopback port; payments are reported to the gateway at {@code publicUrl}. */
    public static PaymentSandbox start(String publicUrl) {
        SandboxSecrets secrets = SandboxSecrets.generate();
        StripeSandbox stripe = new StripeSandbox(secrets.stripeSecretKey(), secrets.stripeWebhookSecret(),
                publicUrl + "/api/billing/webhooks/stripe");
        NowPaymentsSandbox crypto = new NowPaymentsSandbox(secrets.cryptoApiKey(), secrets.cryptoIpnSecret(),
                publicUrl + "/#/billing");
        HttpStandIn server = HttpStandIn.start(Map.of(
                "/v1/checkout/sessions", stripe::createSession,
                "/checkout/", stripe::checkoutPage,
                "/v1/full-currencies", crypto::currencies,
                "/v1/min-amount", crypto::minimumAmount,
                "/v1/payment", crypto::createPayment,
                "/wallet/", crypto::walletPage));
        stripe.serveAt(server.baseUrl());
        return new PaymentSandbox(server, crypto, secrets);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** How billing-service finds the sandbox: its environment. */
    public Map<String, String> billingEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TOKENSNIPED_PAYMENTS_SANDBOX", "true");
        env.put("TOKENSNIPED_PAYMENTS_SANDBOX_WALLET_URL", server.baseUrl() + "/wallet");
        env.put("TOKENSNIPED_STRIPE_API_BASE", server.baseUrl());
        env.put("TOKENSNIPED_STRIPE_SECRET_KEY", secrets.stripeSecretKey());
        env.put("TOKENSNIPED_STRIPE_WEBHOOK_SECRET", secrets.stripeWebhookSecret());
        env.put("TOKENSNIPED_CRYPTO_API_BASE", server.baseUrl());
        env.put("TOKENSNIPED_CRYPTO_API_KEY", secrets.cryptoApiKey());
        env.put("TOKENSNIPED_CRYPTO_IPN_SECRET", secrets.cryptoIpnSecret());
        return env;
    }

    /** This run's secrets (the system tests look for them in the services' logs, where they must never appear). */
    public SandboxSecrets secrets() {
        return secrets;
    }

    /** A crypto payment's callback as the provider signs it, for tests that play the provider directly. */
    public String[] signedCryptoCallback(String paymentId, String status) throws IOException {
        return crypto.signedCallback(Long.parseLong(paymentId), status);
    }

    @Override
    public void close() {
        server.close();
    }
}
