package io.tokensniped.gateway.solve.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveStarted;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Solves for sk_test_ keys: deterministic, free, and never near a browser. The outcome is chosen by magic site keys
 * (docs/api-extensions.md, Test mode) and published on solve.events like a solver's, so test solves reach the
 * waiting request on any gateway instance and appear in status and history with {@code testMode: true}. Solvers skip
 * test jobs.
 */
@ApplicationScoped
public class TestModeSimulator {

    public static final String PASS = "1x00000000000000000000AA";
    public static final String FAIL = "2x00000000000000000000AB";
    public static final String INTERACTIVE = "3x00000000000000000000FF";
    public static final String SLOW = "4x00000000000000000000SL";
    public static final String NEVER = "5x00000000000000000000TO";
    public static final String DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
    static final String USER_AGENT = "TokenSniped-TestMode/1.0";

    private final MutinyEmitter<SolveEvent> events;
    private final Vertx vertx;
    private final Duration slowDelay;

    public TestModeSimulator(@Channel("test-solve-events") MutinyEmitter<SolveEvent> events, Vertx vertx, GatewayConfig config) {
        this.events = events;
        this.vertx = vertx;
        this.slowDelay = config.solve().testModeSlowDelay();
    }

    public void simulate(SolveRequested job) {
        Instant started = Instant.now();
        publish(new SolveStarted(UUID.randomUUID(), started, job.solveId(), job.accountId(), "test-mode"));
        String siteKey = job.target().siteKey() == null ? "" : job.target().siteKey();
        switch (siteKey) {
            case FAIL -> publish(failed(job, started, "CHALLENGE_NOT_FOUND", "test mode: this site key always fails"));
            case INTERACTIVE -> publish(failed(job, started, "INTERACTIVE_CHALLENGE", "test mode: this site key always asks for a human"));
            case SLOW -> later(slowDelay, () -> publish(solved(job, started)));
            case NEVER -> later(Duration.between(Instant.now(), job.deadline()),
                    () -> publish(failed(job, started, "SOLVE_TIMEOUT", "test mode: this site key never completes")));
            default -> publish(solved(job, started));
        }
    }

    private void later(Duration delay, Runnable action) {
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> action.run());
    }

    private static SolveSucceeded solved(SolveRequested job, Instant started) {
        Instant now = Instant.now();
        // Test solves never move credits: the price is 0.
        return new SolveSucceeded(UUID.randomUUID(), now, job.solveId(), job.accountId(), job.type(),
                new Solution.Turnstile(DUMMY_TOKEN, USER_AGENT), 0, started, Duration.between(job.occurredAt(), now).toMillis());
    }

    private static SolveFailed failed(SolveRequested job, Instant started, String code, String message) {
        Instant now = Instant.now();
        return new SolveFailed(UUID.randomUUID(), now, job.solveId(), job.accountId(), job.type(), code, message, started,
                Duration.between(job.occurredAt(), now).toMillis());
    }

    private void publish(SolveEvent event) {
        events.sendMessageAndForget(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.solveId().toString()).build()));
    }
}
