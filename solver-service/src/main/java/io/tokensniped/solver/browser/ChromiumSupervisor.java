package io.tokensniped.solver.browser;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;

/**
 * Keeps the instance's one Chromium running: launches it, replaces it when it dies or after N solves, and stops it.
 * Each Chromium is a generation; a worker connected to an older one reconnects. Solves run while holding the browser
 * ({@link #hold()}, a read lock); a replacement takes the write lock, so it waits for the solves in flight and the
 * fair lock keeps new ones from starting meanwhile.
 */
final class ChromiumSupervisor {

    private static final Logger LOG = Logger.getLogger(ChromiumSupervisor.class);

    private final String executable;
    private final Duration launchTimeout;
    private final int recycleAfter;
    private final Counter restarts;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicLong solvesSinceLaunch = new AtomicLong();
    private final AtomicBoolean recycleScheduled = new AtomicBoolean();
    private final ExecutorService recycler = Executors.newSingleThreadExecutor(r -> new Thread(r, "browser-recycler"));
    private volatile ChromiumProcess chromium;
    private volatile boolean stopping;

    ChromiumSupervisor(String executable, Duration launchTimeout, int recycleAfter, Counter restarts) {
        this.executable = executable;
        this.launchTimeout = launchTimeout;
        this.recycleAfter = recycleAfter;
        this.restarts = restarts;
    }

    void launch() throws IOException {
        chromium = ChromiumProcess.launch(executable, launchTimeout);
    }

    boolean alive() {
        ChromiumProcess current = chromium;
        return current != null && current.alive();
    }

    int generation() {
        return generation.get();
    }

    String webSocketUrl() {
        return chromium.webSocketUrl();
    }

    /** Holds the current Chromium (no replacement starts) until closed. */
    Hold hold() {
        lock.readLock().lock();
        return () -> lock.readLock().unlock();
    }

    /** A held Chromium; closing lets a waiting replacement proceed. */
    interface Hold extends AutoCloseable {

        @Override
        void close();
    }

    /** A dead Chromium (crash, OOM kill) is replaced by whichever worker notices first. */
    void relaunchIfDead() throws IOException {
        if (chromium.alive()) {
            return;
        }
        lock.writeLock().lock();
        try {
            if (!chromium.alive()) {
                LOG.warn("Chromium died; launching a new one");
                replace();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Counts a finished solve; the one that reaches the recycle threshold schedules a replacement. */
    void solveFinished() {
        if (solvesSinceLaunch.incrementAndGet() >= recycleAfter && recycleScheduled.compareAndSet(false, true)) {
            recycler.submit(this::recycle);
        }
    }

    private void recycle() {
        lock.writeLock().lock();
        try {
            LOG.infof("recycling Chromium after %d solves", solvesSinceLaunch.get());
            replace();
        } catch (IOException e) {
            LOG.errorf("recycling Chromium failed: %s", e);
        } finally {
            recycleScheduled.set(false);
            lock.writeLock().unlock();
        }
    }

    /** Under the write lock. Never launches once stopping, so no Chromium outlives the pool. */
    private void replace() throws IOException {
        chromium.close();
        if (stopping) {
            return;
        }
        chromium = ChromiumProcess.launch(executable, launchTimeout);
        solvesSinceLaunch.set(0);
        generation.incrementAndGet();
        restarts.increment();
    }

    /** No launch from now on. */
    void stopLaunching() {
        stopping = true;
    }

    /** After the workers have stopped: a recycle or relaunch still under way finishes first, then Chromium is closed. */
    void stop() {
        stopping = true;
        recycler.shutdownNow();
        try {
            recycler.awaitTermination(launchTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.writeLock().lock();
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
