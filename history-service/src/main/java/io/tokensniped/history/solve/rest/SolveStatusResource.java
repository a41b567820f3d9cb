package io.tokensniped.history.solve.rest;

import java.util.UUID;

import io.tokensniped.history.solve.SolveRecord;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.gateway.InternalHeaders;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/solve")
@Produces(MediaType.APPLICATION_JSON)
public class SolveStatusResource {

    @GET
    @Path("/{id}")
    public SolveStatusResponse status(@PathParam("id") String id, @HeaderParam(InternalHeaders.ACCOUNT) UUID accountId) {
        return SolveRecord.findOwned(parse(id), accountId).map(SolveStatusResponse::from)
                .orElseThrow(() -> ApiException.notFound("solve"));
    }

    /** A malformed id cannot name a solve of this account: 404, like any other unknown id. */
    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("solve");
        }
    }
}
