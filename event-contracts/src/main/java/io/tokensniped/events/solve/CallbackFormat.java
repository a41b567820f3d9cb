package io.tokensniped.events.solve;

/**
 * Which body a solve's {@code callbackUrl} receives, set by the gateway at admission and carried (like the URL) to the
 * outcome. Absent (null) means {@link Body#NATIVE}. For {@link Body#TASK_PROTOCOL} (a task created with the task
 * protocol's {@code createTask}) it also carries what the getTaskResult body needs that the outcome does not:
 * {@code solutionShape}, the name of the provider's solution shape the task type asked for, and {@code clientIp},
 * the address createTask came from (getTaskResult's {@code ip}). Consumers other than webhooks-service need not
 * store it.
 */
public record CallbackFormat(Body body, String solutionShape, String clientIp) {

    public enum Body {
        /** The {@code solve.succeeded} / {@code solve.failed} webhook event (docs/webhooks.md). */
        NATIVE,
        /** The body getTaskResult answers for the task once it ended (docs/guide/switching-providers.md). */
        TASK_PROTOCOL
    }

    public static CallbackFormat taskProtocol(String solutionShape, String clientIp) {
        return new CallbackFormat(Body.TASK_PROTOCOL, solutionShape, clientIp);
    }

    /** Whether a callback in this format is the task protocol's body (null is the native one). */
    public static boolean isTaskProtocol(CallbackFormat format) {
        return format != null && format.body() == Body.TASK_PROTOCOL;
    }
}
