package io.tokensniped.history.stream.service;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** One open SSE connection: writes events, sends heartbeat comments, and ends itself when the client is gone. */
public abstract class SseConnection {

    protected final Sse sse;
    private final SseEventSink sink;
    private final Runnable onClose;
    private boolean closed;

    protected SseConnection(SseEventSink sink, Sse sse, Runnable onClose) {
        this.sink = sink;
        this.sse = sse;
        this.onClose = onClose;
        // The response headers go out with the first write: without one, a stream with nothing to say yet stays silent
        // until the first keep-alive, an EventSource never fires "open" and proxies with a first-byte timeout drop it.
        write(sse.newEventBuilder().comment("stream open").build());
    }

    /** Whether events may be written now (a stream replaying its history holds heartbeats back). */
    protected boolean open() {
        return !closed;
    }

    synchronized void heartbeat() {
        if (open()) {
            write(sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    /** Writes one event; a client that went away is noticed here and the connection ends. */
    protected void write(OutboundSseEvent event) {
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

    protected boolean closed() {
        return closed;
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
