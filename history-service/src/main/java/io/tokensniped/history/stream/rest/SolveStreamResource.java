package io.tokensniped.history.stream.rest;

import java.util.List;
import java.util.UUID;

import io.tokensniped.history.solve.SolveRecord;
import io.tokensniped.history.stream.service.SolveStreamHub;
import io.tokensniped.history.stream.service.SolveStreamLog;
import io.tokensniped.history.stream.service.StreamSubscriber;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import io.tokensniped.support.gateway.InternalHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * One solve's stream: its current state at once, then each change ({@code status} events), closed after its end.
 * Every event's id is the account's stream sequence number; {@code Last-Event-ID} resumes after it.
 */
@Path("/api/solve/{id}/stream")
public class SolveStreamResource {

    private final SolveStreamHub hub;
    private final SolveStreamLog log;

    public SolveStreamResource(SolveStreamHub hub, SolveStreamLog log) {
        this.hub = hub;
        this.log = log;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void solve(@PathParam("id") String id, @HeaderParam(InternalHeaders.ACCOUNT) UUID accountId,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        UUID solveId = solveId(id);
        if (SolveRecord.findOwned(solveId, accountId).isEmpty()) {
            throw ApiException.notFound("solve");
        }
        Long resumeAfter = parse(lastEventId);
        StreamSubscriber subscriber = hub.subscribe(accountId, solveId, "status", true, resumeAfter == null ? 0 : resumeAfter,
                sink, sse);
        // Without Last-Event-ID the stream starts with the solve's current state.
        List<SolveStreamLog.StreamEvent> history = resumeAfter != null
                ? log.after(accountId, resumeAfter, solveId)
                : log.latest(accountId, solveId).map(List::of).orElse(List.of());
        subscriber.replayed(history);
    }

    static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.VALIDATION_ERROR, "Last-Event-ID must be an event id this stream sent");
        }
    }

    private static UUID solveId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("solve");
        }
    }
}
