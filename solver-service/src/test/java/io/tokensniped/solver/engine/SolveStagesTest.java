package io.tokensniped.solver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tokensniped.solver.engine.SolveStages.Mark;

/** Where a solve's time went, on a clock the test moves: each stage is the time since the previous mark reached. */
@Tag("fast")
class SolveStagesTest {

    static final long MS = 1_000_000;
    final AtomicLong clock = new AtomicLong(1_000 * MS);
    final Instant now = Instant.parse("2026-12-03T12:00:00Z");

    SolveStages stagesAdmittedBefore(long millis) {
        return new SolveStages(now.minusMillis(millis), now, clock::get);
    }

    void advance(long millis) {
        clock.addAndGet(millis * MS);
    }

    @Test
    void eachStageIsTheTimeSinceThePreviousMarkAndTheFirstSinceAdmission() {
        SolveStages stages = stagesAdmittedBefore(12);
        stages.mark(Mark.RECEIVED);
        advance(3);
        stages.mark(Mark.PICKED);
        advance(40);
        stages.contextPrepared(true);
        stages.mark(Mark.CONTEXT_READY);
        advance(180);
        stages.mark(Mark.NAVIGATED);
        advance(250);
        stages.mark(Mark.TOKEN_SEEN);
        advance(6);
        stages.mark(Mark.PUBLISHED);

        assertEquals(Map.of(Mark.RECEIVED, 12L, Mark.PICKED, 3L, Mark.CONTEXT_READY, 40L, Mark.NAVIGATED, 180L,
                Mark.TOKEN_SEEN, 250L, Mark.PUBLISHED, 6L), stages.millis());
        assertEquals("received=12 picked=3 context_ready=40 (prepared) navigated=180 token_seen=250 published=6",
                stages.describe());
    }

    @Test
    void aSecondNavigationIsNotANewStageAndStagesNotReachedAreLeftOut() {
        SolveStages stages = stagesAdmittedBefore(5);
        stages.mark(Mark.RECEIVED);
        advance(1);
        stages.mark(Mark.PICKED);
        advance(2);
        stages.mark(Mark.CONTEXT_READY);
        advance(100);
        stages.mark(Mark.NAVIGATED);
        advance(900);
        stages.mark(Mark.NAVIGATED);
        advance(4);
        stages.mark(Mark.PUBLISHED);

        Map<Mark, Long> expected = new LinkedHashMap<>();
        expected.put(Mark.RECEIVED, 5L);
        expected.put(Mark.PICKED, 1L);
        expected.put(Mark.CONTEXT_READY, 2L);
        expected.put(Mark.NAVIGATED, 100L);
        // No token was seen (a failure): publishing counts from the last mark reached.
        expected.put(Mark.PUBLISHED, 904L);
        assertEquals(expected, stages.millis());
        assertEquals("received=5 picked=1 context_ready=2 (opened) navigated=100 published=904", stages.describe());
    }

    @Test
    void anAdmissionTimeAheadOfThisClockCountsAsNoWait() {
        SolveStages stages = new SolveStages(now.plusMillis(30), now, clock::get);
        stages.mark(Mark.RECEIVED);
        assertEquals(0L, stages.millis().get(Mark.RECEIVED));
    }
}
