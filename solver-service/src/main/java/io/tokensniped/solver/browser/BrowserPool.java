package io.tokensniped.solver.browser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.jboss.logging.Logger;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;

import io.micrometer.core.instrument.Counter;
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
import io.tokensniped.solver.engine.SolveSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * One Chromium per instance and a fixed number of workers, each a thread with its own Playwright connection to it
 * (Playwright objects belong to the thread that made them). Every solve gets a fresh browser context, closed after,
 * so no cookie or storage is ever shared between solves. Chromium is restarted after N solves or when it dies; a
 * restart waits for in-flight solves (the fair lock stops new ones from starting meanwhile).
 */
@ApplicationScoped
public class BrowserPool {

    private static final Logger LOG = Logger.getLogger(BrowserPool.class);
    private static final long IDLE_POLL_MS = 500;

    private record Task(SolveRequested job, CompletableFuture<Solution> result) {
    }

    private final SolverConfig config;
    private final EgressGuard guard;
    private final Map<SolveType, SolveEngine> engines;
    private final BlockingDeque<Task> queue = new LinkedBlockingDeque<>();
    private final ReentrantReadWriteLock browserLock = new ReentrantReadWriteLock(true);
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong solvesSinceLaunch = new AtomicLong();
    private final AtomicBoolean recycleScheduled = new AtomicBoolean();
    private final ExecutorService recycler = Executors.newSingleThreadExecutor(r -> new Thread(r, "browser-recycler"));
    private final List<Thread> workers = new ArrayList<>();
    private final Counter restarts;
    private volatile ChromiumProcess chromium;
    private volatile boolean running = true;

    public BrowserPool(SolverConfig config, Instance<SolveEngine> engines, EgressGuard guard, MeterRegistry metrics) {
        this.config = config;
        this.guard = guard;
        Map<SolveType, SolveEngine> byType = new java.util.EnumMap<>(SolveType.class);
        engines.forEach(e -> byType.put(e.type(), e));
        this.engines = byType;
        this.restarts = metrics.counter("solver.browser.restarts");
        metrics.gauge("solver.pool.contexts", config, SolverConfig::contexts);
        metrics.gauge("solver.pool.busy", busy);
        metrics.gauge("solver.pool.queued", queue, BlockingQueue::size);
    }

    void start(@Observes StartupEvent started) throws IOException {
        chromium = ChromiumProcess.launch(config.chromiumPath(), config.launchTimeout());
        for (int i = 0; i < config.contexts(); i++) {
            Thread worker = new Thread(this::work, "browser-worker-" + i);
            workers.add(worker);
            worker.start();
        }
    }

    /** Warm: Chromium is up and every worker holds a live connection to it. */
    public boolean warm() {
        ChromiumProcess current = chromium;
        return running && current != null && current.alive() && connected.get() == config.contexts();
    }

    public int busy() {
        return busy.get();
    }

    public boolean supports(SolveType type) {
        return engines.containsKey(type);
    }

    public CompletableFuture<Solution> solve(SolveRequested job) {
        CompletableFuture<Solution> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE, "this solver is shutting down"));
        } else if (!supports(job.type())) {
            result.completeExceptionally(new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE,
                    "no " + job.type().wireName() + " engine on this solver"));
        } else {
            queue.add(new Task(job, result));
        }
        return result;
    }

    private void work() {
        // Every worker's connection sees every page of the one Chromium, so each driver auto-dismisses a page's dialog;
        // the one that comes second is refused ("no dialog is showing") as an unhandled rejection, which by Node's
        // default would end that driver and every solve on it. A warning is all it deserves.
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "NODE_OPTIONS", "--unhandled-rejections=warn")))) {
            Browser browser = null;
            FreshContext prepared = null;
            int connectedGeneration = -1;
            while (running) {
                try {
                    if (browser == null || connectedGeneration != generation.get() || !browser.isConnected()) {
                        closeQuietly(prepared);
                        prepared = null;
                        disconnect(browser);
                        browser = null;
                        relaunchIfDead();
                        connectedGeneration = generation.get();
                        browser = playwright.chromium().connectOverCDP(chromium.webSocketUrl());
                        connected.incrementAndGet();
                    }
                    if (prepared == null) {
                        prepared = prepare(browser, connectedGeneration);
                    }
                    Task task = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                    if (task == null) {
                        continue;
                    }
                    browserLock.readLock().lock();
                    try {
                        // A recycle may have replaced Chromium while this worker waited for the task or the lock.
                        if (connectedGeneration != generation.get() || !browser.isConnected()) {
                            queue.addFirst(task);
                            continue;
                        }
                        FreshContext fresh = prepared != null && ContextOptions.standard(task.job()) ? prepared : null;
                        if (fresh != null) {
                            prepared = null;
                        }
                        run(browser, task, fresh);
                    } finally {
                        browserLock.readLock().unlock();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException | IOException e) {
                    LOG.warnf("browser worker: %s", e.toString());
                    closeQuietly(prepared);
                    prepared = null;
                    disconnect(browser);
                    browser = null;
                }
            }
            closeQuietly(prepared);
            disconnect(browser);
        }
    }

    private void disconnect(Browser browser) {
        if (browser != null) {
            connected.decrementAndGet();
            try {
                browser.close();
            } catch (PlaywrightException ignored) {
                // already gone with its Chromium
            }
        }
    }

    /** The next solve's context, opened while idle; none when Chromium is being replaced or the browser fails. */
    private FreshContext prepare(Browser browser, int connectedGeneration) {
        browserLock.readLock().lock();
        try {
            if (connectedGeneration != generation.get() || !browser.isConnected()) {
                return null;
            }
            return FreshContext.open(browser, guard, null);
        } catch (IOException | PlaywrightException e) {
            LOG.debugf("could not prepare a context: %s", e.getMessage());
            return null;
        } finally {
            browserLock.readLock().unlock();
        }
    }

    private static void closeQuietly(FreshContext context) {
        if (context != null) {
            context.close();
        }
    }

    /**
     * Runs one task in {@code fresh} (or in a context opened for it); the caller holds the read lock, so Chromium is
     * not replaced meanwhile. The context is closed after, whatever happens.
     */
    private void run(Browser browser, Task task, FreshContext fresh) {
        busy.incrementAndGet();
        try {
            SolveRequested job = task.job();
            SolveEngine engine = engines.get(job.type());
            if (!java.time.Instant.now().isBefore(job.deadline()) || engine == null) {
                closeQuietly(fresh);
                throw engine == null
                        ? new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE, "this solver has no " + job.type().wireName() + " engine")
                        : new SolveFailure(SolveErrorCode.SOLVE_TIMEOUT, "the deadline passed before a browser was free");
            }
            long begun = System.nanoTime();
            try (FreshContext context = fresh != null ? fresh : FreshContext.open(browser, guard, job)) {
                SolveSession session = new SolveSession(context.context(), context.page(), job, context.egress(),
                        config.pollInterval(), config.challengeAppearTimeout());
                // A popup the page opens is closed at once: nothing in it is read, and it would only hold memory.
                context.context().onPage(popup -> {
                    if (popup != context.page()) {
                        popup.close();
                    }
                });
                long ready = System.nanoTime();
                Solution solution = engine.solve(session);
                LOG.debugf("solve %s: context %d ms (%s), engine %d ms", job.solveId(), (ready - begun) / 1_000_000,
                        fresh != null ? "prepared" : "opened", (System.nanoTime() - ready) / 1_000_000);
                task.result().complete(solution);
            }
        } catch (SolveFailure failure) {
            task.result().completeExceptionally(failure);
        } catch (IOException e) {
            LOG.warnf("solve %s: no egress listener: %s", task.job().solveId(), e);
            task.result().completeExceptionally(new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE,
                    "the solver could not prepare the browser's network"));
        } catch (PlaywrightException e) {
            LOG.warnf("solve %s: browser error %s", task.job().solveId(), e.getMessage());
            task.result().completeExceptionally(new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE,
                    "the browser failed during the solve"));
        } catch (RuntimeException e) {
            LOG.errorf(e, "solve %s failed unexpectedly", task.job().solveId());
            task.result().completeExceptionally(new SolveFailure(SolveErrorCode.SOLVER_UNAVAILABLE, "internal solver error"));
        } finally {
            busy.decrementAndGet();
        }
        if (solvesSinceLaunch.incrementAndGet() >= config.recycleAfter() && recycleScheduled.compareAndSet(false, true)) {
            recycler.submit(this::recycle);
        }
    }


    /** A dead Chromium (crash, OOM kill) is replaced by whichever worker notices first. */
    private void relaunchIfDead() throws IOException {
        if (chromium.alive()) {
            return;
        }
        browserLock.writeLock().lock();
        try {
            if (!chromium.alive()) {
                LOG.warn("Chromium died; launching a new one");
                replaceChromium();
            }
        } finally {
            browserLock.writeLock().unlock();
        }
    }

    private void recycle() {
        browserLock.writeLock().lock();
        try {
            LOG.infof("recycling Chromium after %d solves", solvesSinceLaunch.get());
            replaceChromium();
        } catch (IOException e) {
            LOG.errorf("recycling Chromium failed: %s", e);
        } finally {
            recycleScheduled.set(false);
            browserLock.writeLock().unlock();
        }
    }

    /** Under the write lock. Never launches once stopping, so no Chromium outlives the pool. */
    private void replaceChromium() throws IOException {
        chromium.close();
        if (!running) {
            return;
        }
        chromium = ChromiumProcess.launch(config.chromiumPath(), config.launchTimeout());
        solvesSinceLaunch.set(0);
        generation.incrementAndGet();
        restarts.increment();
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        Task left;
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
        recycler.shutdownNow();
        try {
            recycler.awaitTermination(config.launchTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A recycle or relaunch still under way finishes first (and, seeing the pool stopping, launches nothing).
        browserLock.writeLock().lock();
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            browserLock.writeLock().unlock();
        }
    }
}
