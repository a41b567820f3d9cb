package io.tokensniped.support.taskprotocol;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The task protocol's getTaskResult bodies and its error body: answered by the gateway's routes and, for a task
 * created with a callbackUrl, POSTed there by webhooks-service once the task ended ({@link EndedTask}).
 */
public final class TaskAnswers {

    /** errorId of every successful answer. */
    public static final int NO_ERROR = 0;
    /** errorId of every error answer: clients branch on errorCode (CapSolver answers 1 for all errors too). */
    public static final int ERROR = 1;

    static final String READY = "ready";
    static final String PROCESSING = "processing";

    private TaskAnswers() {
    }

    @Schema(name = "TaskResultAnswer", description = "status processing, or ready with the solution and its extras")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskResultAnswer(@Schema(minimum = "0", maximum = "0") int errorId, String status,
            @Schema(type = SchemaType.OBJECT,
                    description = "In the requested provider's shape (see the guide)") ObjectNode solution,
            @Schema(description = "Credits charged (not USD), as a decimal string") String cost,
            @Schema(description = "The address createTask came from") String ip,
            @Schema(description = "Unix seconds") Long createTime,
            @Schema(description = "Unix seconds") Long endTime,
            Integer solveCount, UUID solveId) {

        /** A task whose solve has not ended yet. */
        public static TaskResultAnswer processing(UUID solveId) {
            return new TaskResultAnswer(NO_ERROR, PROCESSING, null, null, null, null, null, null, solveId);
        }
    }

    @Schema(name = "ProtocolErrorAnswer", description = "Every error, always with HTTP 200; errorCode as in the guide's table")
    public record ErrorAnswer(
            @Schema(minimum = "1", maximum = "1", description = "1 on every error: branch on errorCode") int errorId,
            String errorCode, String errorDescription) {

        public static ErrorAnswer of(String protocolCode, String description) {
            return new ErrorAnswer(ERROR, protocolCode, description);
        }
    }
}
