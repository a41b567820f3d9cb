package io.tokensniped.webhooks.delivery.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The production schedule (read from application.properties): exponential, jittered, spanning more than a day. */
@Tag("fast")
class BackoffScheduleTest {

    static Properties config() throws Exception {
        Properties p = new Properties();
        try (InputStream in = BackoffScheduleTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return p;
    }

    static BackoffSchedule production(double random) throws Exception {
        Properties p = config();
        String prefix = "tokensniped.webhooks.delivery.";
        return new BackoffSchedule(Duration.parse("PT" + p.getProperty(prefix + "initial-delay")),
                Double.parseDouble(p.getProperty(prefix + "factor")),
                Duration.parse("PT" + p.getProperty(prefix + "max-delay")),
                Double.parseDouble(p.getProperty(prefix + "jitter")), Integer.parseInt(p.getProperty(prefix + "max-attempts")),
                () -> random);
    }

    @Test
    void theRetriesSpanAtLeast24HoursEvenAtTheLowestJitter() throws Exception {
        BackoffSchedule schedule = production(0.0);
        Duration span = Duration.ZERO;
        for (int made = 1; made < schedule.maxAttempts(); made++) {
            span = span.plus(schedule.delayAfter(made).orElseThrow());
        }
        System.out.printf("backoff: %d attempts spanning at least %s%n", schedule.maxAttempts(), span);
        assertEquals(schedule.shortestSpan(), span);
        assertTrue(span.compareTo(Duration.ofHours(24)) >= 0, "spans " + span);
    }

    @Test
    void delaysGrowExponentiallyUpToTheMaximumAndThenTheDeliveryGivesUp() throws Exception {
        BackoffSchedule schedule = production(0.5); // no jitter either way
        assertEquals(Duration.ofSeconds(5), schedule.delayAfter(1).orElseThrow());
        assertEquals(Duration.ofSeconds(15), schedule.delayAfter(2).orElseThrow());
        assertEquals(Duration.ofSeconds(45), schedule.delayAfter(3).orElseThrow());
        assertEquals(Duration.ofHours(6), schedule.delayAfter(schedule.maxAttempts() - 1).orElseThrow());
        assertEquals(Optional.empty(), schedule.delayAfter(schedule.maxAttempts()));
    }

    @Test
    void jitterSpreadsEachDelayWithinItsBounds() throws Exception {
        assertEquals(Duration.ofSeconds(4), production(0.0).delayAfter(1).orElseThrow());
        assertEquals(Duration.ofSeconds(6), production(1.0).delayAfter(1).orElseThrow());
        BackoffSchedule random = new BackoffSchedule(Duration.ofSeconds(5), 3, Duration.ofHours(6), 0.2, 14,
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        for (int i = 0; i < 1000; i++) {
            long ms = random.delayAfter(4).orElseThrow().toMillis();
            assertTrue(ms >= 108_000 && ms <= 162_000, ms + " ms");
        }
    }
}
