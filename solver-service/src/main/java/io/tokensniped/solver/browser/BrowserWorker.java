package io.tokensniped.solver.browser;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;

import io.tokensniped.solver.egress.EgressGuard;
import io.tokensniped.solver.engine.SolveStages;

/**
 * One worker thread of the pool: its own Playwright connection to the current Chromium (Playwright objects belong to
 * the thread that made them), a context prepared for the next standard solve once the pool has been idle a while (one
 * worker at a time: opening a context costs the browser more CPU than a lab challenge, and opened beside a running
 * solve it slowed that solve by more than opening it on demand costs), and a loop that takes the
 * queue's next task and runs it while holding the browser. A connection to a replaced or dead Chromium is dropped and
 * made again.
 */
final class BrowserWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(BrowserWorker.class);
    private static final long IDLE_POLL_MS = 500;

    private final ChromiumSupervisor chromium;
    private final BlockingDeque<SolveTask> queue;
    private final SolveRunner runner;
    private final EgressGuard guard;
    private final AtomicInteger connected;
    private final BooleanSupplier running;
    private final Semaphore preparing;
    private final Duration prepareAfterIdle;

    private Browser browser;
    private int connectedGeneration = -1;
    private FreshContext prepared;

    /** @param connected how many workers hold a live connection: incremented and decremented here */
    BrowserWorker(ChromiumSupervisor chromium, BlockingDeque<SolveTask> queue, SolveRunner runner, EgressGuard guard,
            AtomicInteger connected, BooleanSupplier running, Semaphore preparing, Duration prepareAfterIdle) {
        this.chromium = chromium;
        this.queue = queue;
        this.runner = runner;
        this.guard = guard;
        this.connected = connected;
        this.running = running;
        this.preparing = preparing;
        this.prepareAfterIdle = prepareAfterIdle;
    }

    @Override
    public void run() {
        // Where workers share a Chromium, each connection sees every page, so each driver dismisses a page's dialog;
        // the one that comes second is refused ("no dialog is showing") as an unhandled rejection, which by Node's
        // default would end that driver and every solve on it. A warning is all it deserves.
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "NODE_OPTIONS", "--unhandled-rejections=warn")))) {
            while (running.getAsBoolean()) {
                try {
                    connect(playwright);
                    prepareNext();
                    SolveTask task = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                    if (task != null) {
                        runHoldingTheBrowser(task);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException | IOException e) {
                    LOG.warnf("browser worker: %s", e.toString());
                    disconnect();
                }
            }
            disconnect();
        }
    }

    private boolean current() {
        return browser != null && connectedGeneration == chromium.generation() && browser.isConnected();
    }

    /** Connects to the current Chromium unless already connected to it (relaunching a dead one first). */
    private void connect(Playwright playwright) throws IOException {
        if (current()) {
            return;
        }
        disconnect();
        chromium.relaunchIfDead();
        connectedGeneration = chromium.generation();
        browser = playwright.chromium().connectOverCDP(chromium.webSocketUrl());
        connected.incrementAndGet();
    }

    /**
     * The next solve's context, opened once the pool has been idle for a while and no other worker is opening one; none
     * when Chromium is being replaced or the browser fails.
     */
    private void prepareNext() {
        if (prepared != null || !queue.isEmpty() || !runner.quietFor(prepareAfterIdle) || !preparing.tryAcquire()) {
            return;
        }
        try (ChromiumSupervisor.Hold held = chromium.hold()) {
            if (current()) {
                prepared = FreshContext.open(browser, guard, null);
            }
        } catch (IOException | PlaywrightException e) {
            LOG.debugf("could not prepare a context: %s", e.getMessage());
        } finally {
            preparing.release();
        }
    }

    private void runHoldingTheBrowser(SolveTask task) {
        task.stages().mark(SolveStages.Mark.PICKED);
        try (ChromiumSupervisor.Hold held = chromium.hold()) {
            // A recycle may have replaced Chromium while this worker waited for the task or the lock.
            if (!current()) {
                queue.addFirst(task);
                return;
            }
            FreshContext fresh = null;
            if (prepared != null && ContextOptions.standard(task.job())) {
                fresh = prepared;
                prepared = null;
            }
            runner.run(browser, task, fresh);
        }
        chromium.solveFinished();
    }

    /** Drops the prepared context and the connection, if any. */
    private void disconnect() {
        FreshContext.closeQuietly(prepared);
        prepared = null;
        if (browser != null) {
            connected.decrementAndGet();
            try {
                browser.close();
            } catch (PlaywrightException ignored) {
                // already gone with its Chromium
            }
            browser = null;
        }
    }
}
