package io.tokensniped.history.stream.service;

import java.util.function.LongSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.history.dashboard.service.DashboardQuery;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** A dashboard stream: the figures at once, then again whenever one of them changes. */
public final class DashboardSubscriber extends SseConnection {

    private final ObjectMapper json;
    private final LongSupplier ids;
    private DashboardQuery.Dashboard last;

    DashboardSubscriber(SseEventSink sink, Sse sse, ObjectMapper json, LongSupplier ids, Runnable onClose) {
        super(sink, sse, onClose);
        this.json = json;
        this.ids = ids;
    }

    synchronized void update(DashboardQuery.Dashboard figures) {
        if (!open() || figures.equals(last)) {
            return;
        }
        last = figures;
        try {
            write(sse.newEventBuilder().id(String.valueOf(ids.getAsLong())).name("dashboard")
                    .data(json.writeValueAsString(figures)).build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
