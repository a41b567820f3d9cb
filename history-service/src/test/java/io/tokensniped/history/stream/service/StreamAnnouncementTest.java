package io.tokensniped.history.stream.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tokensniped.history.stream.service.SolveStreamLog.StreamEvent;

/** What NOTIFY carries for a stream append, and what a listener reads back from it. */
@Tag("fast")
class StreamAnnouncementTest {

    static final UUID ACCOUNT = UUID.randomUUID();

    @Test
    void anEventThatFitsTravelsWholeColonsInItsPayloadIncluded() {
        StreamEvent event = new StreamEvent(ACCOUNT, 42, UUID.randomUUID(), "solved",
                "{\"id\":\"x\",\"solution\":{\"token\":\"a:b:c\"},\"completedAt\":\"2026-12-05T11:00:00.000Z\"}");
        String announcement = SolveStreamLog.announcement(event);
        String afterAccount = announcement.substring(announcement.indexOf(':') + 1);
        assertEquals(ACCOUNT.toString(), announcement.substring(0, announcement.indexOf(':')));
        assertEquals(event, SolveStreamLog.carried(ACCOUNT, afterAccount));
    }

    @Test
    void anEventBeyondPostgresqlsPayloadLimitIsAnnouncedByItsSeqOnly() {
        StreamEvent large = new StreamEvent(ACCOUNT, 7, UUID.randomUUID(), "solved",
                "{\"cookies\":\"" + "c".repeat(8000) + "\"}");
        String announcement = SolveStreamLog.announcement(large);
        assertEquals(ACCOUNT + ":7", announcement);
        assertNull(SolveStreamLog.carried(ACCOUNT, "7"));
    }
}
