package io.tokensniped.history.stream.rest;

import java.util.List;
import java.util.UUID;

import io.tokensniped.history.stream.service.SolveStreamHub;
import io.tokensniped.history.stream.service.SolveStreamLog;
import io.tokensniped.history.stream.service.StreamSubscriber;
import io.tokensniped.support.gateway.InternalHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * The account-wide streams: {@code solve} events for each of the account's solves as it is created and changes, and
 * the {@code dashboard} figures.
 */
@Path("/api/stream")
public class AccountStreamResource {

    private final SolveStreamHub hub;
    private final SolveStreamLog log;

    public AccountStreamResource(SolveStreamHub hub, SolveStreamLog log) {
        this.hub = hub;
        this.log = log;
    }

    /** The dashboard's figures at once and whenever one changes; a reconnect gets the current figures at once. */
    @GET
    @Path("/dashboard")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void dashboard(@HeaderParam(InternalHeaders.ACCOUNT) UUID accountId, @Context SseEventSink sink,
            @Context Sse sse) {
        hub.subscribeDashboard(accountId, sink, sse);
    }

    @GET
    @Path("/solves")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void solves(@HeaderParam(InternalHeaders.ACCOUNT) UUID accountId,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink, @Context Sse sse) {
        Long resumeAfter = SolveStreamResource.parse(lastEventId);
        StreamSubscriber subscriber = hub.subscribe(accountId, null, "solve", false, resumeAfter == null ? 0 : resumeAfter,
                sink, sse);
        subscriber.replayed(resumeAfter == null ? List.of() : log.after(accountId, resumeAfter, null));
    }

}
