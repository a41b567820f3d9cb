package io.tokensniped.gateway.solve.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.auth.KnownKey;
import io.tokensniped.gateway.capacity.SolverCapacity;
import io.tokensniped.gateway.common.ApiException;
import io.tokensniped.gateway.solve.client.BillingHolds;
import io.tokensniped.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Admits a solve: fixes its price and deadline, places a credit hold of that price (live solves; billing answers 402
 * when the available balance is short), publishes {@link SolveRequested} keyed by solve id, and hands back the future
 * of its terminal event. A solve that cannot be queued gets its hold withdrawn.
 */
@ApplicationScoped
public class SolveAdmission {

    /** Seconds a client should wait before retrying when the broker is not taking solves. */
    private static final int RETRY_AFTER_SECONDS = 5;

    private final TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
    private final MutinyEmitter<SolveRequested> requests;
    private final SolveOutcomes outcomes;
    private final TestModeSimulator testMode;
    private final SolverCapacity capacity;
    private final BillingHolds holds;
    private final GatewayConfig config;

    public SolveAdmission(@Channel("solve-requests") MutinyEmitter<SolveRequested> requests, SolveOutcomes outcomes,
            TestModeSimulator testMode, SolverCapacity capacity, BillingHolds holds, GatewayConfig config) {
        this.requests = requests;
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

    public Uni<Admitted> admit(KnownKey key, SolveSubmission submission) {
        SolveType type = submission.type();
        Integer timeoutSeconds = submission.timeoutSeconds();
        // Test solves never reach a solver, so they do not depend on solver capacity.
        String refusal = key.testMode() ? null : capacity.refusal();
        if (refusal != null) {
            return Uni.createFrom().failure(ApiException.unavailable(refusal + ", retry shortly", config.capacity().retryAfterSeconds()));
        }
        int timeout = timeoutSeconds != null ? timeoutSeconds : config.solve().defaultTimeout();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID solveId = ids.generate();
        // Test solves are free: their price is 0 from admission on.
        long price = key.testMode() ? 0 : config.solve().priceOf(type);
        SolveRequested request = new SolveRequested(UUID.randomUUID(), now, solveId, key.accountId(), key.apiKeyId(), type,
                key.testMode(), price, now.plusSeconds(timeout), submission.target(), submission.proxy());
        Uni<Void> hold = price > 0 ? holds.place(solveId, key.accountId(), price, request.deadline())
                : Uni.createFrom().voidItem();
        return hold.flatMap(held -> publish(request));
    }

    private Uni<Admitted> publish(SolveRequested request) {
        UUID solveId = request.solveId();
        CompletableFuture<SolveEvent> outcome = outcomes.expect(solveId);
        Message<SolveRequested> message = Message.of(request)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(solveId.toString()).build());
        return requests.sendMessage(message)
                .ifNoItem().after(config.solve().publishTimeout()).fail()
                .onFailure().transform(e -> {
                    outcome.cancel(false);
                    if (request.price() > 0) {
                        holds.withdraw(solveId);
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
