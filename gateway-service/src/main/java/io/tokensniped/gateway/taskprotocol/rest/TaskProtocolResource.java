package io.tokensniped.gateway.taskprotocol.rest;

import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.common.ClientAddress;
import io.tokensniped.gateway.metrics.SolveAdmissionMetrics;
import io.tokensniped.gateway.ratelimit.RateLimitDecision;
import io.tokensniped.gateway.taskprotocol.mapping.TaskRefused;
import io.tokensniped.gateway.taskprotocol.rest.ProtocolBodies.BalanceAnswer;
import io.tokensniped.gateway.taskprotocol.rest.ProtocolBodies.CreateTaskAnswer;
import io.tokensniped.gateway.taskprotocol.service.ProtocolTasks;
import io.tokensniped.support.taskprotocol.TaskAnswers;
import io.tokensniped.support.taskprotocol.TaskAnswers.ErrorAnswer;
import io.tokensniped.support.taskprotocol.TaskAnswers.TaskResultAnswer;
import io.tokensniped.support.taskprotocol.TaskProtocolError;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The task protocol of Anti-Captcha, CapSolver, CapMonster Cloud and 2Captcha (v2) at the API's origin, so their
 * clients switch by changing a host name. Every answer is HTTP 200 with {@code errorId}: the body is read here as
 * text (never by JAX-RS, whose 400/415 would go through the native error mapper), and every failure, expected or
 * not, becomes an error body with the protocol's code.
 */
@Tag(name = "Task protocol",
        description = "createTask / getTaskResult / getBalance of other providers (docs/guide/switching-providers.md)")
@Path("/")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirements
public class TaskProtocolResource {

    private static final Logger LOG = Logger.getLogger(TaskProtocolResource.class);

    private final ProtocolTasks tasks;
    private final ObjectMapper json;
    private final ClientAddress clientAddress;
    private final SolveAdmissionMetrics metrics;

    public TaskProtocolResource(ProtocolTasks tasks, ObjectMapper json, ClientAddress clientAddress,
            SolveAdmissionMetrics metrics) {
        this.tasks = tasks;
        this.json = json;
        this.clientAddress = clientAddress;
        this.metrics = metrics;
    }

    @POST
    @Path("createTask")
    @Operation(operationId = "protocolCreateTask", summary = "Create a task (task protocol)",
            description = "Admits a solve as POST /api/solve/* with ?async=true does; taskId is a number, solveId the solve's id.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProtocolBodies.CreateTaskRequest.class)))
    @APIResponse(responseCode = "200", description = "The task's id, or an error body (errorId 1)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = {CreateTaskAnswer.class, ErrorAnswer.class})))
    public Uni<Response> createTask(String body, RoutingContext ctx) {
        return answer(body, ctx, parsed -> tasks.createTask(parsed, clientAddress.of(ctx.request())).map(created -> {
            metrics.admitted(ctx, created.request());
            return ok(new CreateTaskAnswer(TaskAnswers.NO_ERROR, created.taskId(), created.request().solveId()),
                    created.limits());
        }));
    }

    @POST
    @Path("getTaskResult")
    @Operation(operationId = "protocolGetTaskResult", summary = "Get a task's result (task protocol)",
            description = "processing, or ready with the solution in the requested provider's shape; a failed solve is an error body. "
                    + "The body for an ended task is the one POSTed to createTask's callbackUrl.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProtocolBodies.TaskResultRequest.class)))
    @APIResponse(responseCode = "200", description = "The task's state, or an error body (errorId 1)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = {TaskResultAnswer.class, ErrorAnswer.class})))
    public Uni<Response> getTaskResult(String body, RoutingContext ctx) {
        return answer(body, ctx, parsed -> tasks.taskResult(parsed, clientAddress.of(ctx.request())).map(result -> {
            if (result instanceof ProtocolTasks.Ended ended) {
                return ok(ended.task().answer(), ended.limits());
            }
            ProtocolTasks.Processing processing = (ProtocolTasks.Processing) result;
            return ok(TaskResultAnswer.processing(processing.solveId()), processing.limits());
        }));
    }

    @POST
    @Path("getBalance")
    @Operation(operationId = "protocolGetBalance", summary = "Get the balance (task protocol)",
            description = "The account's credits, as GET /api/billing/balance reads them.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ProtocolBodies.BalanceRequest.class)))
    @APIResponse(responseCode = "200", description = "The balance in credits, or an error body (errorId 1)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = {BalanceAnswer.class, ErrorAnswer.class})))
    public Uni<Response> getBalance(String body, RoutingContext ctx) {
        return answer(body, ctx, parsed -> tasks.balance(parsed, clientAddress.of(ctx.request()))
                .map(balance -> ok(new BalanceAnswer(TaskAnswers.NO_ERROR, balance.credits()), balance.limits())));
    }

    /** Parses the body and turns every failure into the protocol's error body: nothing leaves as a non-200. */
    private Uni<Response> answer(String body, RoutingContext ctx, Function<JsonNode, Uni<Response>> handle) {
        JsonNode parsed;
        try {
            parsed = body == null || body.isBlank() ? NullNode.getInstance() : json.readTree(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(error(TaskProtocolError.VALIDATION_ERROR.protocolCode(), "body is not valid JSON"));
        }
        return Uni.createFrom().deferred(() -> handle.apply(parsed)).onFailure().recoverWithItem(failure -> {
            if (failure instanceof TaskRefused refused) {
                return error(refused.protocolCode(), refused.getMessage());
            }
            LOG.errorf(failure, "task protocol request failed");
            return error(TaskProtocolError.INTERNAL_ERROR.protocolCode(), "internal error");
        });
    }

    private static Response ok(Object answer, RateLimitDecision limits) {
        return Response.ok(answer).header("X-RateLimit-Limit", limits.limit())
                .header("X-RateLimit-Remaining", limits.remaining())
                .header("X-RateLimit-Reset", limits.resetSeconds()).build();
    }

    private static Response error(String code, String description) {
        return Response.ok(ErrorAnswer.of(code, description)).build();
    }
}
