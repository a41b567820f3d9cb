package io.tokensniped.support.taskprotocol;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.tokensniped.support.taskprotocol.TaskAnswers.ErrorAnswer;
import io.tokensniped.support.taskprotocol.TaskAnswers.TaskResultAnswer;

/**
 * A task whose solve ended, and the one rendering of the body getTaskResult answers for it. The gateway builds it
 * from history's record of the solve (getTaskResult), webhooks-service from the solve's outcome event (the
 * createTask callbackUrl's body), so the two bodies are the same by construction. Pure: tested in milliseconds.
 */
public sealed interface EndedTask {

    /** The body: {@link TaskResultAnswer} with status ready, or {@link ErrorAnswer}. */
    Object answer();

    /**
     * Solved: {@code solution} is ours (the contract's solution object), rendered in {@code shape}; {@code cost} in
     * credits; {@code ip} the address createTask came from (null for a task asked for by its bare solve id).
     */
    record Solved(UUID solveId, SolutionShape shape, JsonNode solution, long cost, String ip, Instant createdAt,
            Instant endedAt) implements EndedTask {

        /** One solve attempt per task: we never hand a task to a second worker. */
        static final int SOLVE_COUNT = 1;

        @Override
        public TaskResultAnswer answer() {
            return new TaskResultAnswer(TaskAnswers.NO_ERROR, TaskAnswers.READY, shape.render(solution), String.valueOf(cost),
                    ip,
                    createdAt.getEpochSecond(), endedAt.getEpochSecond(), SOLVE_COUNT, solveId);
        }
    }

    /** Failed with one of our codes (a solver's), answered with the protocol's code from {@link TaskProtocolError}. */
    record Failed(String ourCode, String message) implements EndedTask {

        static final String NO_MESSAGE = "the solve failed";

        public Failed {
            ourCode = ourCode != null ? ourCode : TaskProtocolError.INTERNAL_ERROR.ourCode();
            message = message != null ? message : NO_MESSAGE;
        }

        @Override
        public ErrorAnswer answer() {
            return ErrorAnswer.of(TaskProtocolError.protocolCodeOf(ourCode), message);
        }
    }

}
