package io.tokensniped.solver.browser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.solver.config.SolverConfig;
import io.tokensniped.solver.egress.EgressGuard;
import io.tokensniped.solver.engine.SolveEngine;
import io.tokensniped.solver.engine.SolveFailure;
import io.tokensniped.solver.engine.SolveStages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * The solver's browser capacity as one front door: solves queue here and a fixed number of {@link BrowserWorker}s take
 * them, each running one at a time in a fresh browser context ({@link SolveRunner}), so no cookie or storage is ever
 * shared between solves. Each Chromium serves contexts-per-chromium workers and is kept running by its own
 * {@link ChromiumSupervisor} (restarted after N solves or when it dies, waiting for the solves in flight).
 */
@ApplicationScoped
public class BrowserPool {

    private final SolverConfig config;
    private final EgressGuard guard;
    private final SolveRunner runner;
    private final List<ChromiumSupervisor> chromiums = new ArrayList<>();
    private final int contextsPerChromium;
    private final BlockingDeque<SolveTask> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger connected = new AtomicInteger();
    /** One worker at a time opens a context ahead of its solve. */
    private final Semaphore preparing = new Semaphore(1);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    public BrowserPool(SolverConfig config, Instance<SolveEngine> engines, EgressGuard guard, MeterRegistry metrics) {
        this.config = config;
        this.guard = guard;
        Map<SolveType, SolveEngine> byType = new EnumMap<>(SolveType.class);
        engines.forEach(e -> byType.put(e.type(), e));
        this.runner = new SolveRunner(byType, guard, config);
        this.contextsPerChromium = Math.max(1, Math.min(config.contextsPerChromium(), config.contexts()));
        for (int i = 0; i < config.contexts(); i += contextsPerChromium) {
            chromiums.add(new ChromiumSupervisor(config.chromiumPath(), config.launchTimeout(), config.recycleAfter(),
                    metrics.counter("solver.browser.restarts")));
        }
        metrics.gauge("solver.pool.contexts", config, SolverConfig::contexts);
        metrics.gauge("solver.pool.busy", runner.busy());
        metrics.gauge("solver.pool.queued", queue, BlockingQueue::size);
    }

    void start(@Observes StartupEvent started) throws IOException {
        for (ChromiumSupervisor chromium : chromiums) {
            chromium.launch();
        }
        for (int i = 0; i < config.contexts(); i++) {
            Thread worker = new Thread(
                    new BrowserWorker(chromiums.get(i / contextsPerChromium), queue, runner, guard, connected,
                            () -> running, preparing, config.prepareAfterIdle()),
                    "browser-worker-" + i);
            workers.add(worker);
            worker.start();
        }
    }

    /** Warm: every Chromium is up and every worker holds a live connection to its own. */
    public boolean warm() {
        return running && chromiums.stream().allMatch(ChromiumSupervisor::alive) && connected.get() == config.contexts();
    }

    public int busy() {
        return runner.busy().get();
    }

    public boolean supports(SolveType type) {
        return runner.supports(type);
    }

    /** Queues the job; {@code stages} gets the worker's, the context's, the page's and the engine's marks. */
    public CompletableFuture<Solution> solve(SolveRequested job, SolveStages stages) {
        CompletableFuture<Solution> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE, "this solver is shutting down"));
        } else if (!supports(job.type())) {
            result.completeExceptionally(new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE,
                    "no " + job.type().wireName() + " engine on this solver"));
        } else {
            queue.add(new SolveTask(job, result, stages));
        }
        return result;
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        chromiums.forEach(ChromiumSupervisor::stopLaunching);
        SolveTask left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE, "solver shutting down"));
        }
        for (Thread worker : workers) {
            try {
                worker.join(config.launchTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        chromiums.forEach(ChromiumSupervisor::stop);
    }
}
