package io.tokensniped.gateway.health.rest;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.health.service.PlatformHealthMonitor;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/health}: "down" when the gateway itself cannot admit solves (503), "degraded" when another service
 * is not ready, "ok" otherwise; with each payment provider's state (an extension, docs/api-extensions.md). Answered
 * from the background-refreshed aggregate (at most two refresh intervals old) without leaving the event loop; only
 * before the first refresh does a request wait for one.
 */
@Tag(name = "Health")
@Path("/api/health")
public class PlatformHealthResource {

    private final PlatformHealthMonitor monitor;

    public PlatformHealthResource(PlatformHealthMonitor monitor) {
        this.monitor = monitor;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> health() {
        return monitor.fresh().map(snapshot -> Uni.createFrom().item(answer(snapshot)))
                .orElseGet(() -> monitor.refresh().map(PlatformHealthResource::answer));
    }

    private static Response answer(PlatformHealthMonitor.Snapshot snapshot) {
        return Response.status(snapshot.gatewayUp() ? 200 : 503).entity(snapshot.health()).build();
    }
}
