package io.tokensniped.gateway.taskprotocol.mapping;

import io.tokensniped.support.taskprotocol.TaskProtocolError;

/**
 * A request the task protocol answers with an error body: the protocol's code (from {@link TaskProtocolError}) and a
 * description for a person. Thrown by the translation and the protocol service, rendered by the resource (HTTP 200).
 */
public class TaskRefused extends RuntimeException {

    private final String protocolCode;

    public TaskRefused(TaskProtocolError error, String description) {
        this(error.protocolCode(), description);
    }

    private TaskRefused(String protocolCode, String description) {
        super(description, null, false, false);
        this.protocolCode = protocolCode;
    }

    /** One of our error codes (a native API error or a solver's), translated by the table. */
    public static TaskRefused ofOurCode(String ourCode, String description) {
        return new TaskRefused(TaskProtocolError.protocolCodeOf(ourCode), description);
    }

    public String protocolCode() {
        return protocolCode;
    }
}
