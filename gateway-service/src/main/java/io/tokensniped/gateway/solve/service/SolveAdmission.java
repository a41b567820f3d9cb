package io.tokensniped.gateway.solve.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.auth.KnownKey;
import io.tokensniped.gateway.capacity.InFlightSolves;
import io.tokensniped.gateway.capacity.SolverCapacity;
import io.tokensniped.gateway.common.Ids;
import io.tokensniped.gateway.config.GatewayConfig;
import io.tokensniped.gateway.credit.service.CreditReservations;
import io.tokensniped.gateway.solve.client.BillingHolds;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Admits a solve: fixes its price and deadline; for a live solve takes one of the account's in-flight slots (429 past
 * its share, {@link InFlightSolves}) and places a credit hold of that price (billing answers 402 when the available
 * balance is short; while billing cannot answer, the price is reserved against the balance it last announced,
 * {@link CreditReservations}); publishes {@link SolveRequested} keyed by solve id (test solves on their own topic), and hands
 * back the future of its terminal event. A solve that cannot be queued gets its hold withdrawn and its slot freed.
 */
@ApplicationScoped
public class SolveAdmission {

    private static final Logger LOG = Logger.getLogger(SolveAdmission.class);
    /** Seconds a client should wait before retrying when the broker is not taking solves. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private final MutinyEmitter<SolveRequested> requests;
    private final MutinyEmitter<SolveRequested> testRequests;
    private final SolveOutcomes outcomes;
    private final TestModeSimulator testMode;
    private final SolverCapacity capacity;
    private final InFlightSolves inFlight;
    private final BillingHolds holds;
    private final SolveCallbacks callbacks;
    private final CreditReservations reservations;
    private final GatewayConfig config;

    public SolveAdmission(@Channel("solve-requests") MutinyEmitter<SolveRequested> requests,
            @Channel("test-solve-requests") MutinyEmitter<SolveRequested> testRequests, SolveOutcomes outcomes,
            TestModeSimulator testMode, SolverCapacity capacity, InFlightSolves inFlight, BillingHolds holds,
            SolveCallbacks callbacks, CreditReservations reservations, GatewayConfig config) {
        this.callbacks = callbacks;
        this.reservations = reservations;
        this.inFlight = inFlight;
        this.requests = requests;
        this.testRequests = testRequests;
        this.outcomes = outcomes;
        this.testMode = testMode;
        this.capacity = capacity;
        this.holds = holds;
        this.config = config;
    }

    public record Admitted(SolveRequested request, CompletableFuture<SolveEvent> outcome) {

        /** When the gateway stops waiting for the solver and answers SOLVE_TIMEOUT itself. */
        public Duration patience(Duration grace) {
            return Duration.between(Instant.now(), request.deadline()).plus(grace);
        }
    }

    /** A request whose callbackUrl may never be delivered to is refused (400) before anything else. */
    public Uni<Admitted> admit(KnownKey key, SolveSubmission submission) {
        if (submission.callbackUrl() == null) {
            return admitChecked(key, submission);
        }
        return callbacks.check(submission.callbackUrl()).flatMap(ok -> admitChecked(key, submission));
    }

    private Uni<Admitted> admitChecked(KnownKey key, SolveSubmission submission) {
        SolveType type = submission.type();
        Integer timeoutSeconds = submission.timeoutSeconds();
        // Test solves never reach a solver, so they do not depend on solver capacity.
        String refusal = key.testMode() ? null : capacity.refusal();
        if (refusal != null) {
            return Uni.createFrom()
                    .failure(ApiException.unavailable(refusal + ", retry shortly", config.capacity().retryAfterSeconds()));
        }
        int timeout = timeoutSeconds != null ? timeoutSeconds : config.solve().defaultTimeout();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID solveId = Ids.timeOrdered();
        // Test solves are free: their price is 0 from admission on.
        long price = key.testMode() ? 0 : config.solve().priceOf(type);
        SolveRequested request = new SolveRequested(Ids.random(), now, solveId, key.accountId(), key.apiKeyId(), type,
                key.testMode(), price, now.plusSeconds(timeout), submission.target(), submission.proxy(),
                submission.callbackUrl(), submission.callbackFormat());
        // Registered before anything is published, so a fast outcome cannot slip past; cancelled if admission fails.
        CompletableFuture<SolveEvent> outcome = outcomes.expect(solveId);
        if (key.testMode()) {
            return publish(request, outcome);
        }
        // A live solve takes one of its account's slots, then its price is held; either refusal undoes what came before.
        Instant lapses = request.deadline().plus(config.solve().outcomeGrace());
        return inFlight.claim(key.accountId(), solveId, lapses)
                // The price is noted only where a reservation may later be made against it (none when turned off).
                .flatMap(claimed -> config.credit().admitWhileBillingAway()
                        ? reservations.expect(key.accountId(), solveId, price)
                        : Uni.createFrom().voidItem())
                .flatMap(noted -> hold(request)
                        .onFailure().invoke(refused -> inFlight.release(key.accountId(), solveId)))
                .flatMap(held -> publish(held, outcome))
                // However slow billing or the broker are, the customer has an answer within the admission timeout.
                .ifNoItem().after(config.solve().admissionTimeout()).failWith(() -> abandon(request))
                .onFailure().invoke(e -> outcome.cancel(false));
    }

    /**
     * Billing holds the price; while billing cannot answer, the price is reserved against the account's announced
     * balance instead and the request says so ({@code provisionalHold}): billing holds it when it reads the request.
     */
    private Uni<SolveRequested> hold(SolveRequested request) {
        UUID solveId = request.solveId();
        UUID accountId = request.accountId();
        return holds.place(solveId, accountId, request.price(), request.deadline()).replaceWith(request)
                .onFailure(BillingHolds.Unreachable.class)
                .recoverWithUni(e -> withoutBilling(request, (BillingHolds.Unreachable) e))
                .onFailure(SolveAdmission::insufficient).invoke(e -> reservations.forget(accountId, solveId));
    }

    /** Billing did not answer: the price is reserved against the announced balance, or the customer gets billing's 503. */
    private Uni<SolveRequested> withoutBilling(SolveRequested request, BillingHolds.Unreachable unreachable) {
        UUID solveId = request.solveId();
        UUID accountId = request.accountId();
        if (!config.credit().admitWhileBillingAway()) {
            return Uni.createFrom().failure(unreachable.answer());
        }
        return reservations.reserve(accountId, solveId, request.price())
                .onFailure().transform(redisAway -> unreachable.answer())
                .flatMap(reservation -> {
                    if (reservation.outcome() == CreditReservations.Outcome.RESERVED) {
                        LOG.infof("billing unreachable: solve %s admitted on a reservation (%d of %d credits)", solveId,
                                request.price(), reservation.left());
                        return Uni.createFrom().item(request.withProvisionalHold());
                    }
                    if (unreachable.inDoubt()) {
                        // Billing may yet have placed the hold it was asked for: the withdrawal ends it either way.
                        holds.withdraw(solveId, accountId);
                    } else {
                        reservations.forget(accountId, solveId);
                    }
                    return Uni.createFrom().failure(unreachable.answer());
                });
    }

    /** Billing's definite refusal: nothing is held, so the price noted for the solve no longer counts. */
    private static boolean insufficient(Throwable e) {
        return e instanceof ApiException api && ErrorCode.INSUFFICIENT_CREDITS.name().equals(api.code());
    }

    /** Undoes whatever admission had done when it ran out of time: the slot, the hold (if placed by now), the waiter. */
    private ApiException abandon(SolveRequested request) {
        LOG.warnf("solve %s not admitted within %d ms", request.solveId(), config.solve().admissionTimeout().toMillis());
        inFlight.release(request.accountId(), request.solveId());
        holds.withdraw(request.solveId(), request.accountId());
        return ApiException.unavailable("solve admission timed out, retry shortly", RETRY_AFTER_SECONDS);
    }

    private Uni<Admitted> publish(SolveRequested request, CompletableFuture<SolveEvent> outcome) {
        UUID solveId = request.solveId();
        if (!request.testMode()) {
            // The account's slot is freed when the solve ends, or when its request stops waiting for an end.
            outcome.orTimeout(
                    Duration.between(Instant.now(), request.deadline()).plus(config.solve().outcomeGrace()).toMillis(),
                    TimeUnit.MILLISECONDS).whenComplete((event, error) -> inFlight.release(request.accountId(), solveId));
        }
        Message<SolveRequested> message = Message.of(request)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(solveId.toString()).build());
        // Test solves never enter the solvers' queue (solve.requests): they have a topic of their own.
        Instant publishing = Instant.now();
        return (request.testMode() ? testRequests : requests).sendMessage(message)
                .ifNoItem().after(config.solve().publishTimeout()).fail()
                .onFailure().transform(e -> {
                    // Which step took the time when an answer is slow: the checks and the hold, or the broker.
                    LOG.warnf("solve %s not queued after %d ms (%d ms publishing): %s", solveId,
                            Duration.between(request.occurredAt(), Instant.now()).toMillis(),
                            Duration.between(publishing, Instant.now()).toMillis(), e.toString());
                    outcome.cancel(false);
                    if (request.price() > 0) {
                        holds.withdraw(solveId, request.accountId());
                    }
                    return ApiException.unavailable("solve queue unavailable, retry shortly", RETRY_AFTER_SECONDS);
                })
                .invoke(() -> {
                    if (request.testMode()) {
                        testMode.simulate(request);
                    }
                })
                .replaceWith(new Admitted(request, outcome));
    }
}
