package io.tokensniped.keys.apikey.rest;

import java.util.List;
import java.util.UUID;

import io.tokensniped.keys.apikey.rest.ApiKeyPayloads.ApiKeyCreatedResponse;
import io.tokensniped.keys.apikey.rest.ApiKeyPayloads.ApiKeyView;
import io.tokensniped.keys.apikey.rest.ApiKeyPayloads.CreateApiKeyRequest;
import io.tokensniped.keys.apikey.rest.ApiKeyPayloads.UpdateApiKeyRequest;
import io.tokensniped.keys.apikey.service.ApiKeyService;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.gateway.Caller;
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

/** {@code /api/keys}: session only (the gateway lets no API key through to here). */
@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private final ApiKeyService keys;

    public ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @GET
    public List<ApiKeyView> list(@Context HttpServerRequest request) {
        return keys.list(Caller.of(request).requireAccount());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid @NotNull CreateApiKeyRequest body, @Context HttpServerRequest request) {
        ApiKeyCreatedResponse created = keys.create(Caller.of(request).requireAccount(), body);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApiKeyView update(@PathParam("id") String id, @Valid @NotNull UpdateApiKeyRequest body,
            @Context HttpServerRequest request) {
        return keys.update(Caller.of(request).requireAccount(), parse(id), body);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id, @Context HttpServerRequest request) {
        keys.revoke(Caller.of(request).requireAccount(), parse(id));
        return Response.noContent().build();
    }

    /** A malformed id names no key of this account: 404 like any other. */
    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("API key");
        }
    }
}
