package io.tokensniped.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which window the X-RateLimit-* headers report, and how times round, decided without Redis. */
@Tag("fast")
class RateLimitDecisionTest {

    @Test
    void theMinuteWindowIsReportedWhileItIsTheCloserToItsLimit() {
        RateLimitDecision d = RateLimitDecision.closestWindow(true, 0, 60, 10, 41_000, 10_000, 9_000, 3_600_000);
        assertTrue(d.allowed());
        assertEquals(60, d.limit());
        assertEquals(10, d.remaining());
        assertEquals(41, d.resetSeconds());
    }

    @Test
    void theDayWindowIsReportedOnceItIsRelativelyCloser() {
        RateLimitDecision d = RateLimitDecision.closestWindow(false, 1_500, 60, 59, 1_000, 10_000, 5, 7_200_001);
        assertFalse(d.allowed());
        assertEquals(10_000, d.limit());
        assertEquals(5, d.remaining());
        assertEquals(7_201, d.resetSeconds());
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertEquals(2, RateLimitDecision.closestWindow(false, 1_001, 60, 0, 0, 100, 50, 0).retryAfterSeconds());
        assertEquals(1, RateLimitDecision.closestWindow(false, 1_000, 60, 0, 0, 100, 50, 0).retryAfterSeconds());
        assertEquals(0, RateLimitDecision.closestWindow(true, 0, 60, 0, 0, 100, 50, 0).retryAfterSeconds());
    }
}
