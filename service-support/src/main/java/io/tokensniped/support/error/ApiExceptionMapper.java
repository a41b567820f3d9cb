package io.tokensniped.support.error;

import java.util.Comparator;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.tokensniped.support.gateway.InternalHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every service's one mapping from failures to the contract's ErrorResponse (found by each service through this
 * module's beans.xml); nothing internal (stack traces, SQL) reaches a body. Routes that are not JAX-RS resources
 * (the gateway's forwarding) write the same {@link ErrorResponse} themselves.
 */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e, RoutingContext ctx) {
        Response.ResponseBuilder r = render(e.status(),
                ErrorResponse.of(e.errorCode(), e.getMessage(), e.details(), RequestId.of(ctx)), ctx);
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
        return render(400, ErrorResponse.of(ErrorCode.VALIDATION_ERROR, "request is invalid", details, RequestId.of(ctx)),
                ctx).build();
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
                : "body is not valid JSON of the expected shape";
        return render(400, ErrorResponse.of(ErrorCode.VALIDATION_ERROR, message, RequestId.of(ctx)), ctx).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext ctx) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, ctx);
        }
        ErrorCode code = switch (status) {
            case 400, 415 -> ErrorCode.VALIDATION_ERROR;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404, 405 -> ErrorCode.NOT_FOUND;
            default -> ErrorCode.INTERNAL_ERROR;
        };
        String message = switch (status) {
            case 400 -> "the request could not be read";
            case 401 -> "sign in first";
            case 403 -> "not allowed";
            case 404, 405 -> "no such route";
            case 415 -> "Content-Type must be application/json";
            default -> "bad request";
        };
        // A route that exists for another method is, to a client, no route; a wrong Content-Type is a bad body.
        int answered = code == ErrorCode.INTERNAL_ERROR ? status : code.status();
        return render(answered, ErrorResponse.of(code, message, RequestId.of(ctx)), ctx).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, RoutingContext ctx) {
        LOG.errorf(e, "unhandled error, request %s", RequestId.of(ctx));
        return render(500, ErrorResponse.of(ErrorCode.INTERNAL_ERROR, "internal error", RequestId.of(ctx)), ctx).build();
    }

    private static Response.ResponseBuilder render(int status, ErrorResponse error, RoutingContext ctx) {
        Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON).entity(error);
        // The contract puts the id on every error; the gateway has set it on the response already.
        if (error.requestId() != null && !ctx.response().headers().contains(InternalHeaders.REQUEST_ID)) {
            r.header(InternalHeaders.REQUEST_ID, error.requestId());
        }
        return r;
    }

    /** "solve.arg0.siteKey" → "siteKey": clients know their fields, not our method signatures. */
    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
