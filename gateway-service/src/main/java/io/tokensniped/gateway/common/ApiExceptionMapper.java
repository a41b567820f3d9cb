package io.tokensniped.gateway.common;

import java.util.Comparator;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The gateway's one mapping from failures to the contract's ErrorResponse; nothing internal reaches a body. */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e, RoutingContext ctx) {
        Response.ResponseBuilder r = body(e.status(), new ErrorResponse(
                new ErrorResponse.Error(e.code(), e.getMessage(), e.details()), RequestIds.of(ctx)));
        if (e.retryAfterSeconds() != null) {
            r.header("Retry-After", e.retryAfterSeconds());
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, RoutingContext ctx) {
        List<ErrorResponse.Detail> details = e.getConstraintViolations().stream()
                .map(v -> new ErrorResponse.Detail(field(v), v.getMessage()))
                .sorted(Comparator.comparing(ErrorResponse.Detail::field))
                .toList();
        return body(400, new ErrorResponse(new ErrorResponse.Error("VALIDATION_ERROR", "request is invalid", details),
                RequestIds.of(ctx))).build();
    }

    /** Declared for the exact type: Quarkus' own mapper for it (a bare 400) would otherwise win over the one below. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, RoutingContext ctx) {
        return unreadable(e, ctx);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, RoutingContext ctx) {
        String message = e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                ? "wrong type for field " + mismatch.getPathReference().replaceAll(".*\\[\"?([^\"\\]]*)\"?\\]$", "$1")
                : "body is not valid JSON";
        return body(400, ErrorResponse.of("VALIDATION_ERROR", message, RequestIds.of(ctx))).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext ctx) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400, 415 -> "VALIDATION_ERROR";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404, 405 -> "NOT_FOUND";
            default -> "INTERNAL_ERROR";
        };
        int mapped = status == 405 ? 404 : status == 415 ? 400 : status;
        String message = switch (status) {
            case 404, 405 -> "no such route";
            case 415 -> "Content-Type must be application/json";
            default -> status >= 500 ? "internal error" : "bad request";
        };
        return body(mapped, ErrorResponse.of(code, message, RequestIds.of(ctx))).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, RoutingContext ctx) {
        LOG.errorf(e, "unhandled error, request %s", RequestIds.of(ctx));
        return body(500, ErrorResponse.of("INTERNAL_ERROR", "internal error", RequestIds.of(ctx))).build();
    }

    private static Response.ResponseBuilder body(int status, ErrorResponse error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error);
    }

    /** "solve.arg0.siteKey" → "siteKey": clients know their fields, not our method signatures. */
    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
