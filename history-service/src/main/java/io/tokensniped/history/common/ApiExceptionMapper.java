package io.tokensniped.history.common;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one place errors become the contract's ErrorResponse; nothing internal (stack traces, SQL) reaches a body. */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);
    public static final String REQUEST_ID = "X-Request-Id";

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return render(e.status(), e.code(), e.getMessage(), request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "VALIDATION_ERROR";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404, 405 -> "NOT_FOUND";
            default -> "INTERNAL_ERROR";
        };
        return render(status == 405 ? 404 : status, code, status >= 500 ? "internal error" : e.getMessage(), request);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest request) {
        LOG.error("unhandled error", e);
        return render(500, "INTERNAL_ERROR", "internal error", request);
    }

    static Response render(int status, String code, String message, HttpServerRequest request) {
        String requestId = request.getHeader(REQUEST_ID);
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .header(REQUEST_ID, requestId)
                .entity(ErrorResponse.of(code, message, requestId)).build();
    }
}
