package io.tokensniped.solver.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveStarted;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.solver.browser.BrowserPool;
import io.tokensniped.solver.engine.SolveFailure;
import io.tokensniped.solver.engine.SolveStages;
import io.tokensniped.solver.policy.TargetPolicy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes solve jobs from {@code solve.requests} (this instance's share of the partitions), runs each in the browser
 * pool and publishes its outcome. At most {@code contexts} jobs run at once; the offset of a job is acknowledged only
 * after its outcome is published, so a job in flight on an instance that dies is redelivered to another.
 */
@ApplicationScoped
public class SolveJobConsumer {

    public static final String CHANNEL = "solve-requests";
    private static final Logger LOG = Logger.getLogger(SolveJobConsumer.class);

    private final Object idle = new Object();
    private int inFlight;

    /** Where each solve's time went, one line per solve at DEBUG (docs/operations.md, "Where a solve's time goes"). */
    private static final Logger STAGES = Logger.getLogger("io.tokensniped.solver.stages");

    private final BrowserPool pool;
    private final TargetPolicy policy;
    private final SolveEventPublisher events;
    private final MeterRegistry metrics;
    private final String instance;

    public SolveJobConsumer(BrowserPool pool, TargetPolicy policy, SolveEventPublisher events, MeterRegistry metrics,
            @ConfigProperty(name = "HOSTNAME", defaultValue = "solver-local") String instance) {
        this.pool = pool;
        this.policy = policy;
        this.events = events;
        this.metrics = metrics;
        this.instance = instance;
    }

    @Incoming(SolveJobConsumer.CHANNEL)
    @Blocking(value = "solve-workers", ordered = false)
    public void onRequest(SolveRequested job) throws InterruptedException {
        synchronized (idle) {
            inFlight++;
        }
        try {
            handle(job);
        } finally {
            synchronized (idle) {
                inFlight--;
                idle.notifyAll();
            }
        }
    }

    /** Waits until no job is being handled, at most {@code timeout}; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    public int inFlight() {
        synchronized (idle) {
            return inFlight;
        }
    }

    private void handle(SolveRequested job) throws InterruptedException {
        if (job.testMode()) {
            // Test solves are the gateway's (TestModeSimulator): they never reach a browser.
            return;
        }
        SolveStages stages = new SolveStages(job.occurredAt());
        stages.mark(SolveStages.Mark.RECEIVED);
        Instant started = Instant.now();
        if (!started.isBefore(job.deadline())) {
            fail(job, null,
                    new SolveFailure(SolveErrorCode.SOLVE_TIMEOUT, "the request's timeout passed before a solver took it"));
            return;
        }
        try {
            policy.check(job.target().pageUrl(), job.accountId());
            if (job.proxy() != null && !job.proxy().isBlank()) {
                java.net.URI proxy = java.net.URI.create(job.proxy());
                policy.checkProxy(proxy.getHost(), proxy.getPort());
            }
        } catch (SolveFailure refused) {
            fail(job, null, refused);
            return;
        }
        events.publish(new SolveStarted(UUID.randomUUID(), started, job.solveId(), job.accountId(), instance));
        try {
            Solution solution = pool.solve(job, stages).get();
            Instant done = Instant.now();
            long elapsed = Duration.between(job.occurredAt(), done).toMillis();
            events.publish(new SolveSucceeded(UUID.randomUUID(), done, job.solveId(), job.accountId(), job.type(), solution,
                    job.price(), started, elapsed, job.callbackUrl(), job.callbackFormat(), job.occurredAt()));
            record(job, "solved", started, stages);
        } catch (ExecutionException e) {
            SolveFailure failure = e.getCause() instanceof SolveFailure f
                    ? f
                    : new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE, "internal solver error");
            fail(job, started, failure, stages);
        }
    }

    private void fail(SolveRequested job, Instant started, SolveFailure failure) {
        fail(job, started, failure, null);
    }

    private void fail(SolveRequested job, Instant started, SolveFailure failure, SolveStages stages) {
        Instant done = Instant.now();
        LOG.debugf("solve %s failed: %s %s", job.solveId(), failure.code(), failure.getMessage());
        events.publish(new SolveFailed(UUID.randomUUID(), done, job.solveId(), job.accountId(), job.type(), failure.code(),
                failure.getMessage(), started, Duration.between(job.occurredAt(), done).toMillis(), job.callbackUrl(),
                job.callbackFormat(), job.occurredAt()));
        record(job, failure.code().name(), started != null ? started : done, stages);
    }

    /**
     * The solve's duration by outcome, and where the time went by stage (solver.solve.stage; one DEBUG line per solve
     * in the io.tokensniped.solver.stages category, which bench/solver reads).
     */
    private void record(SolveRequested job, String outcome, Instant started, SolveStages stages) {
        Timer.builder("solver.solve.duration").tag("type", job.type().wireName()).tag("outcome", outcome)
                .publishPercentileHistogram().register(metrics).record(Duration.between(started, Instant.now()));
        if (stages == null) {
            return;
        }
        stages.mark(SolveStages.Mark.PUBLISHED);
        stages.millis()
                .forEach((mark, ms) -> Timer.builder("solver.solve.stage").tag("stage", mark.name().toLowerCase(Locale.ROOT))
                        .publishPercentileHistogram().register(metrics).record(Duration.ofMillis(ms)));
        STAGES.debugf("solve %s %s %s", job.solveId(), outcome, stages.describe());
    }
}
