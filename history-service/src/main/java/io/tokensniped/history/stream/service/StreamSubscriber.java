package io.tokensniped.history.stream.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * A solve stream: the account (and solve) it follows and the last event id it was sent. Live events that arrive
 * while its history is being replayed wait, so events go out in sequence, each once.
 */
public final class StreamSubscriber extends SseConnection {

    private final UUID accountId;
    private final UUID solveId;
    private final String eventName;
    private final boolean closeAfterTerminal;
    private final List<SolveStreamLog.StreamEvent> waiting = new ArrayList<>();
    private boolean replaying = true;
    private long lastSeq;

    StreamSubscriber(UUID accountId, UUID solveId, String eventName, boolean closeAfterTerminal, long lastSeq,
            SseEventSink sink, Sse sse, Runnable onClose) {
        super(sink, sse, onClose);
        this.accountId = accountId;
        this.solveId = solveId;
        this.eventName = eventName;
        this.closeAfterTerminal = closeAfterTerminal;
        this.lastSeq = lastSeq;
    }

    UUID accountId() {
        return accountId;
    }

    synchronized long lastSeq() {
        return lastSeq;
    }

    /** The missed (or current) events, then whatever arrived live meanwhile. */
    public synchronized void replayed(List<SolveStreamLog.StreamEvent> history) {
        history.forEach(this::send);
        replaying = false;
        waiting.forEach(this::send);
        waiting.clear();
    }

    synchronized void live(SolveStreamLog.StreamEvent event) {
        if (replaying) {
            waiting.add(event);
        } else {
            send(event);
        }
    }

    @Override
    protected boolean open() {
        return super.open() && !replaying;
    }

    private void send(SolveStreamLog.StreamEvent event) {
        if (closed() || event.seq() <= lastSeq || (solveId != null && !solveId.equals(event.solveId()))) {
            return;
        }
        lastSeq = event.seq();
        write(sse.newEventBuilder().id(String.valueOf(event.seq())).name(eventName).data(event.payload()).build());
        if (closeAfterTerminal && event.terminal()) {
            close();
        }
    }
}
