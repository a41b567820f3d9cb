package io.tokensniped.billing.checkout.service;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import io.tokensniped.billing.config.BillingConfig;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

/** The credit packages on sale, from configuration, smallest first. */
@ApplicationScoped
public class CreditPackages {

    public record CreditPackage(String id, long credits, BigDecimal priceUsd) {

        /** The price in cents, as Stripe wants it. */
        public long priceCents() {
            return priceUsd.movePointRight(2).longValueExact();
        }
    }

    private final List<CreditPackage> packages;

    public CreditPackages(BillingConfig config) {
        this.packages = config.packages().entrySet().stream()
                .map(e -> new CreditPackage(e.getKey(), e.getValue().credits(), e.getValue().priceUsd()))
                .sorted(Comparator.comparingLong(CreditPackage::credits)).toList();
    }

    public List<CreditPackage> all() {
        return packages;
    }

    public CreditPackage byId(String id) {
        return packages.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(ErrorCode.VALIDATION_ERROR, "packageId must be one of "
                        + packages.stream().map(CreditPackage::id).toList()));
    }
}
