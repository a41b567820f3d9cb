package io.tokensniped.webhooks.endpoint.rest;

import java.util.List;

import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.gateway.Caller;
import io.tokensniped.webhooks.endpoint.rest.WebhookEndpointPayloads.Endpoint;
import io.tokensniped.webhooks.endpoint.rest.WebhookEndpointPayloads.EndpointRequest;
import io.tokensniped.webhooks.endpoint.service.WebhookEndpoints;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The signed-in account's webhook endpoints (the gateway routes /api/webhooks here for sessions only). */
@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEndpointResource {

    private static final String ENDPOINT = "webhook endpoint";

    private final WebhookEndpoints endpoints;

    public WebhookEndpointResource(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @GET
    public List<Endpoint> list(@Context HttpServerRequest request) {
        return endpoints.list(Caller.account(request)).stream().map(e -> Endpoint.of(e, null)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context HttpServerRequest request, @Valid @NotNull EndpointRequest body) {
        WebhookEndpoints.WithSecret created = endpoints.create(Caller.account(request), changes(body));
        return Response.status(Response.Status.CREATED).entity(Endpoint.of(created.endpoint(), created.secret())).build();
    }

    @GET
    @Path("/{id}")
    public Endpoint get(@Context HttpServerRequest request, @PathParam("id") String id) {
        return endpoints.find(Caller.account(request), ApiException.pathId(id, ENDPOINT)).map(e -> Endpoint.of(e, null))
                .orElseThrow(() -> ApiException.notFound("webhook endpoint"));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Endpoint update(@Context HttpServerRequest request, @PathParam("id") String id,
            @Valid @NotNull EndpointRequest body) {
        return Endpoint.of(endpoints.update(Caller.account(request), ApiException.pathId(id, ENDPOINT), changes(body)), null);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@Context HttpServerRequest request, @PathParam("id") String id) {
        endpoints.delete(Caller.account(request), ApiException.pathId(id, ENDPOINT));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    public Endpoint rotate(@Context HttpServerRequest request, @PathParam("id") String id) {
        WebhookEndpoints.WithSecret rotated = endpoints.rotateSecret(Caller.account(request),
                ApiException.pathId(id, ENDPOINT));
        return Endpoint.of(rotated.endpoint(), rotated.secret());
    }

    private static WebhookEndpoints.Changes changes(EndpointRequest body) {
        return new WebhookEndpoints.Changes(body.url(), body.description(), body.eventTypes(), body.enabled());
    }
}
