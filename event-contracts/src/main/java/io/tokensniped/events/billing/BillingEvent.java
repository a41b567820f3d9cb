package io.tokensniped.events.billing;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.tokensniped.events.EventContract;

/**
 * What billing-service tells internal consumers on {@code billing.events}, keyed by account id; the {@code event}
 * property names the record. Published through billing's outbox: at least once, in order per account; consumers
 * deduplicate by {@code eventId}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CreditsGranted.class, name = "CreditsGranted"),
        @JsonSubTypes.Type(value = CreditsPurchased.class, name = "CreditsPurchased"),
        @JsonSubTypes.Type(value = CreditsCharged.class, name = "CreditsCharged"),
        @JsonSubTypes.Type(value = CreditsRefunded.class, name = "CreditsRefunded"),
        @JsonSubTypes.Type(value = BalanceChanged.class, name = "BalanceChanged"),
        @JsonSubTypes.Type(value = BalanceLow.class, name = "BalanceLow")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface BillingEvent extends EventContract
        permits CreditsGranted, CreditsPurchased, CreditsCharged, CreditsRefunded, BalanceChanged, BalanceLow {

    UUID accountId();
}
