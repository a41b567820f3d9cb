package io.tokensniped.gateway.common;

import java.util.Locale;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses, before any route reads it, a request body the API never accepts: larger than the HTTP body limit (413
 * PAYLOAD_TOO_LARGE) or not JSON (400 VALIDATION_ERROR, as a wrong Content-Type is answered everywhere else). Left
 * to the HTTP layer, such bodies meet its own refusals (the body limit's bare 413, a multipart decoder's bare 400),
 * which carry no contract body. A chunked body without a length is still cut at the limit by the HTTP layer.
 */
@ApplicationScoped
public class RequestBodies {

    /** After RequestIds (1000), before the API-key gate (900). */
    private static final int FILTER_PRIORITY = 950;
    private static final String JSON = "application/json";

    private final ErrorBodies errors;
    private final long maxBodyBytes;

    public RequestBodies(ErrorBodies errors,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.errors = errors;
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, FILTER_PRIORITY);
    }

    void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!request.path().startsWith("/api/")) {
            ctx.next();
            return;
        }
        long length;
        try {
            String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            length = header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            errors.write(ctx, new ApiException(ErrorCode.VALIDATION_ERROR, "Content-Length is not a number"));
            return;
        }
        boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (length > maxBodyBytes) {
            errors.write(ctx,
                    new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "the body is larger than " + maxBodyBytes + " bytes"));
        } else if ((length > 0 || chunked) && !isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            errors.write(ctx, new ApiException(ErrorCode.VALIDATION_ERROR, "Content-Type must be application/json"));
        } else {
            ctx.next();
        }
    }

    /** application/json, with no charset or UTF-8 (JSON's only encoding on the web). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals(JSON)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].trim().split("=", 2);
            if (parameter[0].trim().equals("charset")
                    && !(parameter.length == 2 && parameter[1].trim().replace("\"", "").equals("utf-8"))) {
                return false;
            }
        }
        return true;
    }
}
