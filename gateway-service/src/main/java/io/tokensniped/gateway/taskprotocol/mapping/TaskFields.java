package io.tokensniped.gateway.taskprotocol.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** The top-level fields of the protocol's request bodies, read leniently (any JSON, any case of the field name). */
public final class TaskFields {

    private TaskFields() {
    }

    public static String clientKey(JsonNode body) {
        return text(body, "clientKey");
    }

    /** The taskId as sent: a number (our task numbers) or a string (a number, or a solve's UUID). */
    public static String taskId(JsonNode body) {
        return text(body, "taskId");
    }

    public static String text(JsonNode body, String name) {
        return body == null || !body.isObject() ? null : TaskTranslation.text(body, name);
    }
}
