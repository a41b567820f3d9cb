package io.tokensniped.billing.crypto.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A crypto payment gateway: which coins it takes, payments to an address it watches, and its signed callbacks. */
public interface CryptoPaymentProvider {

    record Currency(String code, String name, String network, BigDecimal minAmountUsd) {
    }

    record PaymentRequest(String orderId, String description, BigDecimal priceAmountUsd, String payCurrency) {
    }

    record Payment(String paymentId, String status, String payAddress, BigDecimal payAmount, String payCurrency,
            Instant expiresAt) {
    }

    /** A verified callback: the payment and its new status. */
    record StatusUpdate(String paymentId, String status, String orderId) {
    }

    /** Thrown when a callback's signature does not verify. */
    class InvalidSignature extends RuntimeException {

        public InvalidSignature(String message) {
            super(message, null, false, false);
        }
    }

    List<Currency> currencies();

    Payment create(PaymentRequest request);

    StatusUpdate verify(String body, String signature);
}
