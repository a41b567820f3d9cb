package io.tokensniped.solver.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where one solve's time went inside the solver: a mark at each stage boundary, taken by whoever crosses it (the
 * consumer, the pool, the worker, the page navigation, the engine), read once the outcome is published. Stages not
 * reached (a solve that failed early) are absent. Written by one thread at a time, in order; read after the last.
 */
public final class SolveStages {

    /** The stage boundaries, in the order a solve crosses them. */
    public enum Mark {
        /** The solver's consumer took the job from its queue (solve.requests). */
        RECEIVED,
        /** A browser worker took it from the pool's queue. */
        PICKED,
        /** Its browser context and page were ready (prepared while idle, or opened for it). */
        CONTEXT_READY,
        /** The customer's page finished its first navigation. */
        NAVIGATED,
        /** The engine saw what the page issued (token or clearance). */
        TOKEN_SEEN,
        /** The broker acknowledged the outcome event. */
        PUBLISHED
    }

    private final Instant admitted;
    private final LongSupplier nanos;
    private final long admittedNanos;
    private final Map<Mark, Long> marks = new LinkedHashMap<>();
    private volatile boolean contextPrepared;

    /** @param admitted when the gateway admitted the solve (the SolveRequested's time) */
    public SolveStages(Instant admitted) {
        this(admitted, Instant.now(), System::nanoTime);
    }

    SolveStages(Instant admitted, Instant now, LongSupplier nanos) {
        this.admitted = admitted;
        this.nanos = nanos;
        // Stage durations come from one monotonic clock; only the first (admitted -> received) crosses processes.
        this.admittedNanos = nanos.getAsLong() - Math.max(0, Duration.between(admitted, now).toNanos());
    }

    /** Records the boundary the first time it is crossed (a second navigation is not a new stage). */
    public synchronized void mark(Mark mark) {
        marks.putIfAbsent(mark, nanos.getAsLong());
    }

    public void contextPrepared(boolean prepared) {
        this.contextPrepared = prepared;
    }

    /** Milliseconds spent before each mark since the previous one reached (the first since admission), in order. */
    public synchronized Map<Mark, Long> millis() {
        Map<Mark, Long> spent = new LinkedHashMap<>();
        long previous = admittedNanos;
        for (Mark mark : Mark.values()) {
            Long at = marks.get(mark);
            if (at != null) {
                spent.put(mark, Math.max(0, (at - previous) / 1_000_000));
                previous = at;
            }
        }
        return spent;
    }

    /** One line for the log: {@code received=12 picked=0 context_ready=3 (prepared) ...}. */
    public String describe() {
        StringBuilder line = new StringBuilder();
        millis().forEach((mark, ms) -> {
            line.append(line.isEmpty() ? "" : " ").append(mark.name().toLowerCase(java.util.Locale.ROOT)).append('=')
                    .append(ms);
            if (mark == Mark.CONTEXT_READY) {
                line.append(contextPrepared ? " (prepared)" : " (opened)");
            }
        });
        return line.toString();
    }

    public Instant admitted() {
        return admitted;
    }
}
