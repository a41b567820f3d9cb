package io.tokensniped.gateway.solve.service;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveStarted;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.gateway.common.Ids;
import io.tokensniped.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Solves for sk_test_ keys: deterministic, free, and never near a browser. The outcome is chosen by magic inputs
 * (docs/api-extensions.md, Test mode: Turnstile site keys, Geetest captcha ids, interstitial hosts) and published on
 * {@code solve.test-events} with the same records a solver publishes, so test solves reach the waiting request on any
 * gateway instance and appear in status and history with {@code testMode: true}; solvers and billing never see them.
 */
@ApplicationScoped
public class TestModeSimulator {

    public static final String PASS = "1x00000000000000000000AA";
    public static final String FAIL = "2x00000000000000000000AB";
    public static final String INTERACTIVE = "3x00000000000000000000FF";
    public static final String SLOW = "4x00000000000000000000SL";
    public static final String NEVER = "5x00000000000000000000TO";
    public static final String DUMMY_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";
    /** Geetest: the captcha id's repeated digit chooses the outcome, as the Turnstile key's first digit does. */
    public static final String GEETEST_PASS = "11111111111111111111111111111111";
    public static final String GEETEST_FAIL = "22222222222222222222222222222222";
    public static final String GEETEST_INTERACTIVE = "33333333333333333333333333333333";
    public static final String GEETEST_SLOW = "44444444444444444444444444444444";
    public static final String GEETEST_NEVER = "55555555555555555555555555555555";
    /** Interstitial: the URL's host (.test is reserved, RFC 2606, so it names no real site). */
    public static final String INTERSTITIAL_PASS = "pass.interstitial.test";
    public static final String INTERSTITIAL_FAIL = "fail.interstitial.test";
    public static final String INTERSTITIAL_INTERACTIVE = "interactive.interstitial.test";
    public static final String INTERSTITIAL_SLOW = "slow.interstitial.test";
    public static final String INTERSTITIAL_NEVER = "timeout.interstitial.test";
    static final String DUMMY_LOT = "XXXX-DUMMY-LOT-NUMBER";
    static final String DUMMY_OUTPUT = "XXXX.DUMMY.CAPTCHA.OUTPUT.XXXX";
    static final String DUMMY_PASS_TOKEN = "XXXX.DUMMY.PASS.TOKEN.XXXX";
    static final String DUMMY_CLEARANCE_COOKIE = "ts_clearance";
    static final String DUMMY_CLEARANCE = "XXXX.DUMMY.CLEARANCE.XXXX";
    static final long DUMMY_COOKIE_LIFETIME_SECONDS = 1800;

    enum Scenario {
        PASS, FAIL, INTERACTIVE, SLOW, NEVER
    }

    private static final Map<String, Scenario> MAGIC = Map.ofEntries(
            Map.entry(FAIL, Scenario.FAIL), Map.entry(GEETEST_FAIL, Scenario.FAIL),
            Map.entry(INTERSTITIAL_FAIL, Scenario.FAIL),
            Map.entry(INTERACTIVE, Scenario.INTERACTIVE), Map.entry(GEETEST_INTERACTIVE, Scenario.INTERACTIVE),
            Map.entry(INTERSTITIAL_INTERACTIVE, Scenario.INTERACTIVE),
            Map.entry(SLOW, Scenario.SLOW), Map.entry(GEETEST_SLOW, Scenario.SLOW),
            Map.entry(INTERSTITIAL_SLOW, Scenario.SLOW),
            Map.entry(NEVER, Scenario.NEVER), Map.entry(GEETEST_NEVER, Scenario.NEVER),
            Map.entry(INTERSTITIAL_NEVER, Scenario.NEVER));
    static final String USER_AGENT = "TokenSniped-TestMode/1.0";

    private final MutinyEmitter<SolveEvent> events;
    private final Vertx vertx;
    private final Duration slowDelay;

    public TestModeSimulator(@Channel("test-solve-events") MutinyEmitter<SolveEvent> events, Vertx vertx,
            GatewayConfig config) {
        this.events = events;
        this.vertx = vertx;
        this.slowDelay = config.solve().testModeSlowDelay();
    }

    public void simulate(SolveRequested job) {
        Instant started = Instant.now();
        Scenario scenario = scenario(job);
        // Only a solve that stays in flight shows "processing": one that ends at once goes straight to its outcome,
        // a record fewer for every consumer of a test-mode flood.
        if (scenario == Scenario.SLOW || scenario == Scenario.NEVER) {
            publish(new SolveStarted(Ids.random(), started, job.solveId(), job.accountId(), "test-mode"));
        }
        switch (scenario) {
            case FAIL ->
                publish(failed(job, started, SolveErrorCode.CHALLENGE_NOT_FOUND, "test mode: this input always fails"));
            case INTERACTIVE -> publish(failed(job, started, SolveErrorCode.INTERACTIVE_CHALLENGE,
                    "test mode: this input always asks for a human"));
            case SLOW -> later(slowDelay, () -> publish(solved(job, started)));
            case NEVER -> later(Duration.between(Instant.now(), job.deadline()),
                    () -> publish(failed(job, started, SolveErrorCode.SOLVE_TIMEOUT, "test mode: this input never completes")));
            default -> publish(solved(job, started));
        }
    }

    static Scenario scenario(SolveRequested job) {
        String input = switch (job.type()) {
            case TURNSTILE -> job.target().siteKey();
            case GEETEST -> job.target().captchaId();
            // Host names compare case-insensitively.
            case INTERSTITIAL ->
                Optional.ofNullable(host(job.target().pageUrl())).map(h -> h.toLowerCase(Locale.ROOT)).orElse(null);
        };
        return input == null ? Scenario.PASS : MAGIC.getOrDefault(input, Scenario.PASS);
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void later(Duration delay, Runnable action) {
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> action.run());
    }

    private static SolveSucceeded solved(SolveRequested job, Instant started) {
        Instant now = Instant.now();
        // Test solves never move credits: the price is 0.
        return new SolveSucceeded(Ids.random(), now, job.solveId(), job.accountId(), job.type(),
                solution(job, now), 0, started, Duration.between(job.occurredAt(), now).toMillis(), job.callbackUrl(),
                job.callbackFormat(), job.occurredAt());
    }

    private static Solution solution(SolveRequested job, Instant now) {
        return switch (job.type()) {
            case TURNSTILE -> new Solution.Turnstile(DUMMY_TOKEN, USER_AGENT);
            case GEETEST -> new Solution.Geetest(job.target().captchaId(), DUMMY_LOT, DUMMY_OUTPUT, DUMMY_PASS_TOKEN,
                    String.valueOf(now.getEpochSecond()));
            case INTERSTITIAL -> new Solution.Interstitial(List.of(new Solution.Cookie(DUMMY_CLEARANCE_COOKIE, DUMMY_CLEARANCE,
                    host(job.target().pageUrl()), "/", now.getEpochSecond() + DUMMY_COOKIE_LIFETIME_SECONDS, true, true,
                    "Lax")),
                    job.target().userAgent() != null ? job.target().userAgent() : USER_AGENT, job.target().pageUrl(), 200);
        };
    }

    private static SolveFailed failed(SolveRequested job, Instant started, SolveErrorCode code, String message) {
        Instant now = Instant.now();
        return new SolveFailed(Ids.random(), now, job.solveId(), job.accountId(), job.type(), code, message, started,
                Duration.between(job.occurredAt(), now).toMillis(), job.callbackUrl(), job.callbackFormat(), job.occurredAt());
    }

    private void publish(SolveEvent event) {
        events.sendMessageAndForget(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.solveId().toString()).build()));
    }
}
