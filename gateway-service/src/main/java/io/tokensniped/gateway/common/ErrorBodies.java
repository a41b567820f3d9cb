package io.tokensniped.gateway.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorResponse;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes the contract's ErrorResponse on routes that are not JAX-RS resources (the forwarding routes). */
@ApplicationScoped
public class ErrorBodies {

    private final ObjectMapper json;

    public ErrorBodies(ObjectMapper json) {
        this.json = json;
    }

    public void write(RoutingContext ctx, ApiException e) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(e.status()).putHeader("Content-Type", "application/json");
        if (e.retryAfterSeconds() != null) {
            response.putHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        try {
            response.end(json.writeValueAsString(ErrorResponse.of(e.errorCode(), e.getMessage(), RequestIds.of(ctx))));
        } catch (JsonProcessingException impossible) {
            response.end();
        }
    }
}
