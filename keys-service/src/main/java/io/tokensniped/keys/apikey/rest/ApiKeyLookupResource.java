package io.tokensniped.keys.apikey.rest;

import java.util.UUID;

import io.tokensniped.events.keys.ApiKeyState;
import io.tokensniped.keys.apikey.ApiKey;
import io.tokensniped.support.error.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /internal/api-keys/{keyHash}}, gateways only: a key a gateway has not yet learnt from
 * {@code keys.api-keys} (it was created a moment ago) is looked up here before the gateway answers 401, so a key works
 * from the moment its creation is answered. Revoked and unknown keys are 404.
 */
@Path("/internal/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyLookupResource {

    /** What a gateway needs to admit requests made with the key, as the key topic's events carry it. */
    public record KnownApiKey(UUID apiKeyId, UUID accountId, String keyHash, ApiKeyState state) {
    }

    @GET
    @Path("/{keyHash}")
    public KnownApiKey find(@PathParam("keyHash") String keyHash) {
        return ApiKey.findByHash(keyHash).filter(k -> k.revokedAt == null)
                .map(k -> new KnownApiKey(k.id, k.accountId, k.keyHash, k.state()))
                .orElseThrow(() -> ApiException.notFound("API key"));
    }
}
