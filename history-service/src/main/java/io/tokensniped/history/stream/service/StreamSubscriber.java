package io.tokensniped.history.stream.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * One open SSE connection: the account (and solve) it follows and the last event id it was sent. Live events that
 * arrive while its history is being replayed wait, so events go out in sequence, each once.
 */
public final class StreamSubscriber {

    private final UUID accountId;
    private final UUID solveId;
    private final String eventName;
    private final boolean closeAfterTerminal;
    private final SseEventSink sink;
    private final Sse sse;
    private final Runnable onClose;
    private final List<SolveStreamLog.StreamEvent> waiting = new ArrayList<>();
    private boolean replaying = true;
    private long lastSeq;
    private boolean closed;

    StreamSubscriber(UUID accountId, UUID solveId, String eventName, boolean closeAfterTerminal, long lastSeq,
            SseEventSink sink, Sse sse, Runnable onClose) {
        this.accountId = accountId;
        this.solveId = solveId;
        this.eventName = eventName;
        this.closeAfterTerminal = closeAfterTerminal;
        this.lastSeq = lastSeq;
        this.sink = sink;
        this.sse = sse;
        this.onClose = onClose;
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

    synchronized void heartbeat() {
        if (!closed && !replaying) {
            write(sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    /** Writes one event; a client that went away is noticed here and the subscription ends. */
    private void write(jakarta.ws.rs.sse.OutboundSseEvent event) {
        if (sink.isClosed()) {
            close();
            return;
        }
        try {
            sink.send(event).whenComplete((ok, failure) -> {
                if (failure != null) {
                    close();
                }
            });
        } catch (RuntimeException gone) {
            close();
        }
    }

    private void send(SolveStreamLog.StreamEvent event) {
        if (closed || event.seq() <= lastSeq || (solveId != null && !solveId.equals(event.solveId()))) {
            return;
        }
        lastSeq = event.seq();
        write(sse.newEventBuilder().id(String.valueOf(event.seq())).name(eventName).data(event.payload()).build());
        if (closeAfterTerminal && event.terminal()) {
            close();
        }
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            onClose.run();
            try {
                sink.close();
            } catch (RuntimeException alreadyGone) {
                // the client closed first
            }
        }
    }
}
