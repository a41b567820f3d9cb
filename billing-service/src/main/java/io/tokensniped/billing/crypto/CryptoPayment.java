package io.tokensniped.billing.crypto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A crypto payment for a credit package, with the provider's latest status. */
@Entity
@Table(name = "crypto_payment")
public class CryptoPayment extends PanacheEntityBase {

    @Id
    @Column(name = "payment_id")
    public String paymentId;
    @Column(name = "account_id")
    public UUID accountId;
    @Column(name = "package_id")
    public String packageId;
    public long credits;
    @Column(name = "pay_currency")
    public String payCurrency;
    @Column(name = "pay_address")
    public String payAddress;
    @Column(name = "pay_amount")
    public BigDecimal payAmount;
    @Column(name = "price_amount_usd")
    public BigDecimal priceAmountUsd;
    public String status;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
