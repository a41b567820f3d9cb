package io.tokensniped.billing.crypto.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tokensniped.billing.checkout.service.CreditPackages;
import io.tokensniped.billing.checkout.service.Purchases;
import io.tokensniped.billing.config.BillingConfig;
import io.tokensniped.billing.crypto.CryptoPayment;
import io.tokensniped.billing.crypto.client.CryptoPaymentProvider;
import io.tokensniped.billing.crypto.client.NowPayments;
import io.tokensniped.billing.ledger.LedgerReference;
import io.tokensniped.billing.provider.PaymentProvider;
import io.tokensniped.billing.provider.service.PaymentProviders;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/**
 * Credit packages paid in crypto: a payment per checkout at the provider, its status kept from the provider's signed
 * callbacks. Only {@code finished} credits, once (ledger reference {@code crypto:<payment id>}); partially paid,
 * expired, failed and refunded payments are shown and never credited. Statuses only move forward: a late
 * {@code confirming} after {@code finished} changes nothing.
 */
@ApplicationScoped
public class CryptoPayments {

    private static final Logger LOG = Logger.getLogger(CryptoPayments.class);
    static final String FINISHED = "finished";
    /** How far along each provider status is; the final ones share the last rank. */
    private static final Map<String, Integer> PROGRESS = Map.of("waiting", 0, "confirming", 1, "confirmed", 2, "sending", 3,
            FINISHED, 4, "partially_paid", 4, "failed", 4, "expired", 4, "refunded", 4);
    private static final int FINAL = 4;

    /** The contract's CryptoCheckoutResponse; {@code sandboxPayUrl} (an extension) only in the run command's sandbox. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checkout(String paymentId, String payAddress, BigDecimal payAmount, String payCurrency,
            BigDecimal priceAmountUsd, long credits, String status, Instant expiresAt, String sandboxPayUrl) {
    }

    private final CryptoPaymentProvider provider;
    private final CreditPackages packages;
    private final Purchases purchases;
    private final PaymentProviders providers;
    private final BillingConfig.Crypto settings;
    private final java.util.Optional<String> sandboxWallet;
    private volatile List<CryptoPaymentProvider.Currency> currencies;
    private volatile Instant currenciesFetched = Instant.EPOCH;

    public CryptoPayments(CryptoPaymentProvider provider, CreditPackages packages, Purchases purchases,
            PaymentProviders providers, BillingConfig config) {
        this.provider = provider;
        this.providers = providers;
        this.packages = packages;
        this.purchases = purchases;
        this.settings = config.crypto();
        this.sandboxWallet = config.payments().sandbox() ? config.payments().sandboxWalletUrl() : java.util.Optional.empty();
    }

    public List<CryptoPaymentProvider.Currency> currencies() {
        providers.require(PaymentProvider.CRYPTO);
        if (currencies == null || currenciesFetched.plus(settings.currenciesCacheTtl()).isBefore(Instant.now())) {
            try {
                currencies = provider.currencies();
                currenciesFetched = Instant.now();
            } catch (NowPayments.ProviderUnavailable e) {
                if (currencies == null) {
                    throw unavailable(e);
                }
            }
        }
        return currencies;
    }

    public Checkout checkout(UUID accountId, String packageId, String currency) {
        providers.require(PaymentProvider.CRYPTO);
        CreditPackages.CreditPackage offer = packages.byId(packageId);
        String code = currency.toLowerCase(java.util.Locale.ROOT);
        if (!settings.accepted().contains(code)) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "currency must be one of " + settings.accepted());
        }
        CryptoPaymentProvider.Payment created;
        try {
            created = provider
                    .create(new CryptoPaymentProvider.PaymentRequest(accountId + ":" + offer.id() + ":" + UUID.randomUUID(),
                            offer.credits() + " TokenSniped credits", offer.priceUsd(), code));
        } catch (NowPayments.ProviderUnavailable e) {
            throw unavailable(e);
        }
        CryptoPayment payment = new CryptoPayment();
        payment.paymentId = created.paymentId();
        payment.accountId = accountId;
        payment.packageId = offer.id();
        payment.credits = offer.credits();
        payment.payCurrency = created.payCurrency();
        payment.payAddress = created.payAddress();
        payment.payAmount = created.payAmount();
        payment.priceAmountUsd = offer.priceUsd();
        payment.status = created.status();
        payment.expiresAt = created.expiresAt();
        payment.createdAt = Instant.now();
        payment.updatedAt = payment.createdAt;
        QuarkusTransaction.requiringNew().run(payment::persist);
        return view(payment);
    }

    public Checkout status(UUID accountId, String paymentId) {
        if (!plausibleId(paymentId)) {
            // No payment has such an id (the database could not even compare it: PostgreSQL text holds no NUL).
            throw ApiException.notFound("payment");
        }
        CryptoPayment payment = QuarkusTransaction.requiringNew().call(() -> CryptoPayment.<CryptoPayment>findById(paymentId));
        if (payment == null || !payment.accountId.equals(accountId)) {
            throw ApiException.notFound("payment");
        }
        return view(payment);
    }

    /** Provider payment ids are short printable ASCII; anything else names no payment. */
    static boolean plausibleId(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_PAYMENT_ID_LENGTH
                && id.chars().allMatch(c -> c > ' ' && c < DEL);
    }

    private static final int MAX_PAYMENT_ID_LENGTH = 128;
    private static final int DEL = 0x7f;

    /** A signed status callback from the provider. */
    public void callback(String body, String signature) {
        providers.require(PaymentProvider.CRYPTO);
        CryptoPaymentProvider.StatusUpdate update;
        try {
            update = provider.verify(body, signature);
        } catch (CryptoPaymentProvider.InvalidSignature e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "the callback's signature does not verify");
        }
        QuarkusTransaction.requiringNew().run(() -> apply(update));
    }

    private void apply(CryptoPaymentProvider.StatusUpdate update) {
        CryptoPayment payment = CryptoPayment.findById(update.paymentId(), LockModeType.PESSIMISTIC_WRITE);
        if (payment == null) {
            LOG.warnf("callback for unknown payment %s ignored", update.paymentId());
            return;
        }
        int current = PROGRESS.getOrDefault(payment.status, 0);
        Integer next = PROGRESS.get(update.status());
        if (next == null || current == FINAL || next < current) {
            return;
        }
        payment.status = update.status();
        payment.updatedAt = Instant.now();
        if (FINISHED.equals(update.status())) {
            purchases.credit(payment.accountId, payment.credits,
                    "package " + payment.packageId + " (" + payment.payCurrency + ")",
                    LedgerReference.crypto(payment.paymentId));
        }
    }

    private Checkout view(CryptoPayment p) {
        return new Checkout(p.paymentId, p.payAddress, p.payAmount, p.payCurrency, p.priceAmountUsd, p.credits, p.status,
                p.expiresAt, sandboxWallet.map(wallet -> wallet + "/" + p.paymentId).orElse(null));
    }

    private static ApiException unavailable(RuntimeException e) {
        LOG.warnf("crypto payment provider unavailable: %s", e.getMessage());
        return new ApiException(ErrorCode.PAYMENT_PROVIDER_ERROR, "the payment provider is unavailable, retry shortly");
    }
}
