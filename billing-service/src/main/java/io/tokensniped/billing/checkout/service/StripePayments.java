package io.tokensniped.billing.checkout.service;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.stripe.StripeClient;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.checkout.SessionCreateParams;

import io.tokensniped.billing.config.BillingConfig;
import io.tokensniped.billing.ledger.LedgerReference;
import io.tokensniped.billing.provider.PaymentProvider;
import io.tokensniped.billing.provider.service.PaymentProviders;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stripe Checkout with stripe-java: a Checkout Session per purchase (its metadata ties it to the account and the
 * package), and the webhook that credits it. Signatures are verified by {@link Webhook#constructEvent}; a session is
 * credited once, on {@code checkout.session.completed} when already paid or on
 * {@code checkout.session.async_payment_succeeded}, whichever comes first, however often Stripe retries.
 */
@ApplicationScoped
public class StripePayments {

    private static final Logger LOG = Logger.getLogger(StripePayments.class);
    static final String ACCOUNT = "accountId";
    static final String PACKAGE = "packageId";
    static final String CREDITS = "credits";
    private static final String COMPLETED = "checkout.session.completed";
    private static final String ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded";
    private static final String PAID = "paid";

    public record Checkout(String sessionId, String url) {
    }

    /** Empty when card payments are not configured (no secret key). */
    private final Optional<StripeClient> stripe;
    private final CreditPackages packages;
    private final Purchases purchases;
    private final PaymentProviders providers;
    private final BillingConfig.Stripe settings;

    public StripePayments(CreditPackages packages, Purchases purchases, PaymentProviders providers, BillingConfig config) {
        this.settings = config.stripe();
        this.stripe = settings.secretKey().map(key -> {
            StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(key);
            settings.apiBase().ifPresent(builder::setApiBase);
            return builder.build();
        });
        this.packages = packages;
        this.purchases = purchases;
        this.providers = providers;
    }

    public Checkout checkout(UUID accountId, String packageId) {
        providers.require(PaymentProvider.STRIPE);
        CreditPackages.CreditPackage offer = packages.byId(packageId);
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(accountId.toString())
                .setSuccessUrl(settings.successUrl())
                .setCancelUrl(settings.cancelUrl())
                .putMetadata(ACCOUNT, accountId.toString())
                .putMetadata(PACKAGE, offer.id())
                .putMetadata(CREDITS, String.valueOf(offer.credits()))
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd")
                                .setUnitAmount(offer.priceCents())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(offer.credits() + " TokenSniped credits").build())
                                .build())
                        .build())
                .build();
        try {
            Session session = stripe.orElseThrow().v1().checkout().sessions().create(params);
            return new Checkout(session.getId(), session.getUrl());
        } catch (StripeException e) {
            LOG.warnf("Stripe refused a Checkout Session: %s", e.getMessage());
            throw new ApiException(ErrorCode.PAYMENT_PROVIDER_ERROR,
                    "the payment provider could not start a checkout, retry shortly");
        }
    }

    /** Verifies and applies one webhook delivery. Unrelated events are accepted and ignored. */
    public void handle(String payload, String signature) {
        providers.require(PaymentProvider.STRIPE);
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, settings.webhookSecret().orElseThrow(),
                    settings.webhookTolerance());
        } catch (SignatureVerificationException | RuntimeException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "the Stripe signature does not verify");
        }
        if (!COMPLETED.equals(event.getType()) && !ASYNC_SUCCEEDED.equals(event.getType())) {
            return;
        }
        Session session = (Session) object(event).orElseThrow(
                () -> new ApiException(ErrorCode.VALIDATION_ERROR, "the event carries no Checkout Session"));
        if (!PAID.equals(session.getPaymentStatus())) {
            // Completed but not yet paid (a delayed payment method): credited on async_payment_succeeded.
            return;
        }
        Map<String, String> metadata = session.getMetadata();
        if (metadata == null || metadata.get(ACCOUNT) == null || metadata.get(CREDITS) == null) {
            LOG.warnf("Checkout Session %s has no TokenSniped metadata; not ours, ignored", session.getId());
            return;
        }
        boolean credited = purchases.credit(UUID.fromString(metadata.get(ACCOUNT)), Long.parseLong(metadata.get(CREDITS)),
                "package " + metadata.get(PACKAGE) + " (Stripe)", LedgerReference.stripe(session.getId()));
        LOG.infof("Stripe %s for session %s: %s", event.getType(), session.getId(), credited ? "credited" : "already credited");
    }

    /** The event's object, also when its API version differs from the library's (Stripe sends the account's). */
    private static Optional<StripeObject> object(Event event) {
        EventDataObjectDeserializer data = event.getDataObjectDeserializer();
        Optional<StripeObject> object = data.getObject();
        if (object.isPresent()) {
            return object;
        }
        try {
            return Optional.ofNullable(data.deserializeUnsafe());
        } catch (EventDataObjectDeserializationException e) {
            return Optional.empty();
        }
    }
}
