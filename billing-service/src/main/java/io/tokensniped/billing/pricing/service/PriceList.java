package io.tokensniped.billing.pricing.service;

import java.util.List;

import io.tokensniped.billing.checkout.service.CreditPackages;
import io.tokensniped.billing.config.BillingConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a customer pays: credits per successful solve of each type, the daily free grant, and the packages on sale.
 * The solve prices are the same properties the gateway charges at admission ({@code tokensniped.solve.price.*}), so
 * one setting (e.g. {@code TOKENSNIPED_SOLVE_PRICE_TURNSTILE}) changes both what is charged and what is shown.
 */
@ApplicationScoped
public class PriceList {

    public record SolvePrice(String type, long credits) {
    }

    public record DailyGrant(long credits) {
    }

    public record Pricing(List<SolvePrice> solves, DailyGrant dailyGrant, List<CreditPackages.CreditPackage> packages) {
    }

    private final Pricing pricing;

    public PriceList(BillingConfig config, CreditPackages packages) {
        BillingConfig.SolvePrices prices = config.solve().price();
        this.pricing = new Pricing(
                List.of(new SolvePrice("turnstile", prices.turnstile()), new SolvePrice("geetest", prices.geetest()),
                        new SolvePrice("interstitial", prices.interstitial())),
                new DailyGrant(config.dailyCredits().amount()), packages.all());
    }

    public Pricing current() {
        return pricing;
    }
}
