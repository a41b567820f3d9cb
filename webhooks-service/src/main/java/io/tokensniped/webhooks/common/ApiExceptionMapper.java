package io.tokensniped.webhooks.common;

import java.util.Comparator;
import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** webhooks-service's one mapping from failures to the contract's ErrorResponse; nothing internal reaches a body. */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);
    public static final String REQUEST_ID = "X-Request-Id";

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return body(e.status(), ErrorResponse.of(e.code(), e.getMessage(), id(request))).build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        List<ErrorResponse.Detail> details = e.getConstraintViolations().stream()
                .map(v -> new ErrorResponse.Detail(field(v), v.getMessage()))
                .sorted(Comparator.comparing(ErrorResponse.Detail::field)).toList();
        return body(400, new ErrorResponse(new ErrorResponse.Error("VALIDATION_ERROR", "request is invalid", details),
                id(request))).build();
    }

    /** Declared for the exact type: Quarkus' own mapper for it (a bare 400) would otherwise win over the one below. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpServerRequest request) {
        return unreadable(e, request);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, HttpServerRequest request) {
        return body(400, ErrorResponse.of("VALIDATION_ERROR", "body is not valid JSON of the expected shape", id(request))).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 400, 415 -> body(400, ErrorResponse.of("VALIDATION_ERROR", "body must be JSON", id(request))).build();
            case 404, 405 -> body(404, ErrorResponse.of("NOT_FOUND", "no such route", id(request))).build();
            case 401 -> body(401, ErrorResponse.of("UNAUTHORIZED", "sign in first", id(request))).build();
            default -> unexpected(e, request);
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest request) {
        LOG.errorf(e, "unhandled error, request %s", id(request));
        return body(500, ErrorResponse.of("INTERNAL_ERROR", "internal error", id(request))).build();
    }

    private static Response.ResponseBuilder body(int status, ErrorResponse error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error);
    }

    private static String id(HttpServerRequest request) {
        return request.getHeader(REQUEST_ID);
    }

    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
