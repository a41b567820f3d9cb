package io.tokensniped.keys.target.rest;

import java.util.List;
import java.util.UUID;

import io.tokensniped.keys.target.rest.TargetHostPayloads.AddTargetHostRequest;
import io.tokensniped.keys.target.rest.TargetHostPayloads.TargetHostView;
import io.tokensniped.keys.target.service.TargetHostService;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.gateway.Caller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/targets}: the hosts an account may solve on (session only). */
@Path("/api/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetHostResource {

    private final TargetHostService targets;

    public TargetHostResource(TargetHostService targets) {
        this.targets = targets;
    }

    @GET
    public List<TargetHostView> list(@Context HttpServerRequest request) {
        return targets.list(Caller.of(request).requireAccount()).stream().map(TargetHostView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@Valid @NotNull AddTargetHostRequest body, @Context HttpServerRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(TargetHostView.of(targets.add(Caller.of(request).requireAccount(), body.host()))).build();
    }

    @POST
    @Path("/{id}/verify")
    public TargetHostView verify(@PathParam("id") String id, @Context HttpServerRequest request) {
        return TargetHostView.of(targets.verify(Caller.of(request).requireAccount(), parse(id)));
    }

    @DELETE
    @Path("/{id}")
    public Response remove(@PathParam("id") String id, @Context HttpServerRequest request) {
        targets.remove(Caller.of(request).requireAccount(), parse(id));
        return Response.noContent().build();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("target host");
        }
    }
}
