package io.tokensniped.billing.account.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import io.tokensniped.billing.account.AccountBalance;
import io.tokensniped.billing.config.BillingConfig;
import io.tokensniped.billing.ledger.LedgerEntryType;
import io.tokensniped.billing.ledger.LedgerReference;
import io.tokensniped.billing.ledger.service.CreditLedger;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** An account's balance as its owner sees it, and the daily free credits (once per account per UTC day). */
@ApplicationScoped
public class AccountCredits {

    /** What the account holds, what solves in flight reserve of it, and when the next free credits can be claimed. */
    public record Balance(long credits, long heldCredits, long availableCredits, boolean dailyClaimAvailable,
            Instant nextDailyClaimAt) {
    }

    public record DailyClaim(long credited, long balance, Instant nextDailyClaimAt) {
    }

    private final CreditLedger ledger;
    private final BillingConfig config;
    private final Clock clock = Clock.systemUTC();

    public AccountCredits(CreditLedger ledger, BillingConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    @Transactional
    public Balance balance(UUID accountId) {
        AccountBalance row = AccountBalance.findById(accountId);
        LocalDate today = LocalDate.now(clock);
        boolean claimable = !ledger.recorded(LedgerReference.daily(accountId, today));
        long credits = row == null ? 0 : row.credits;
        long held = row == null ? 0 : row.held;
        return new Balance(credits, held, credits - held, claimable, claimable ? startOf(today) : startOf(today.plusDays(1)));
    }

    /**
     * Grants today's free credits. The balance row is locked first, so of many parallel claims exactly one finds no
     * entry for today and grants; the others answer 409 ALREADY_CLAIMED (the entry's unique reference backs this up).
     */
    @Transactional
    public DailyClaim claimDaily(UUID accountId) {
        ledger.open(accountId);
        ledger.lock(accountId);
        LocalDate today = LocalDate.now(clock);
        Instant next = startOf(today.plusDays(1));
        LedgerReference reference = LedgerReference.daily(accountId, today);
        if (ledger.recorded(reference)) {
            throw new ApiException(ErrorCode.ALREADY_CLAIMED,
                    "today's free credits are already claimed; the next claim opens at " + next);
        }
        long amount = config.dailyCredits().amount();
        long balance = ledger.record(accountId, LedgerEntryType.DAILY_GRANT, amount, 0, "daily free credits " + today,
                reference);
        return new DailyClaim(amount, balance, next);
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
