package io.tokensniped.support.taskprotocol;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one table from our failure codes to the task protocol's {@code errorCode} (docs/guide/switching-providers.md,
 * "Error codes", prints the same table; TaskProtocolErrorTest checks they agree). Where the protocol has a code its
 * clients already branch on, we answer that one; otherwise our own code with the {@code TOKENSNIPED_} prefix, so a
 * client can tell it is ours. A code not listed here is answered as {@code TOKENSNIPED_<our code>}.
 */
public enum TaskProtocolError {

    /** Unknown, revoked or malformed key. */
    UNAUTHORIZED("UNAUTHORIZED", "ERROR_KEY_DOES_NOT_EXIST"),
    /** A known key that is inactive: to a protocol client, a key that cannot be used. */
    FORBIDDEN("FORBIDDEN", "ERROR_KEY_DOES_NOT_EXIST"),
    /** Too many wrong keys from this client address (our 429 for key guessing). */
    KEY_GUESSING("KEY_GUESSING", "ERROR_IP_BLOCKED"),
    /** The key's own per-minute or per-day limit. */
    RATE_LIMITED("RATE_LIMITED", "ERROR_TOO_MUCH_REQUESTS"),
    /** The account already has its whole share of the solvers in flight (our 429 from admission). */
    ACCOUNT_BUSY("ACCOUNT_BUSY", "ERROR_NO_SLOT_AVAILABLE"),
    /** No solver capacity now, or a dependency could not answer (our 503). */
    SOLVER_UNAVAILABLE("SOLVER_UNAVAILABLE", "ERROR_NO_SLOT_AVAILABLE"),
    INSUFFICIENT_CREDITS("INSUFFICIENT_CREDITS", "ERROR_ZERO_BALANCE"),
    /** createTask without a task object. */
    TASK_ABSENT("TASK_ABSENT", "ERROR_TASK_ABSENT"),
    /** A task type (or Geetest version) we do not solve. */
    TASK_NOT_SUPPORTED("TASK_NOT_SUPPORTED", "ERROR_TASK_NOT_SUPPORTED"),
    /** Unknown task id, another account's, or one past its retention. */
    NOT_FOUND("NOT_FOUND", "ERROR_NO_SUCH_CAPCHA_ID"),
    /** No result before the solve's deadline. */
    SOLVE_TIMEOUT("SOLVE_TIMEOUT", "ERROR_CAPTCHA_UNSOLVABLE"),
    /** The challenge wants a person (a click, a puzzle): we do not solve those. */
    INTERACTIVE_CHALLENGE("INTERACTIVE_CHALLENGE", "ERROR_CAPTCHA_UNSOLVABLE"),
    PROXY_FAILED("PROXY_FAILED", "ERROR_PROXY_CONNECT_REFUSED"),
    /** A proxy type our solvers cannot use (socks4). */
    PROXY_TYPE_NOT_SUPPORTED("PROXY_TYPE_NOT_SUPPORTED", "TOKENSNIPED_PROXY_TYPE_NOT_SUPPORTED"),
    /** The task's fields break a rule of the native API (URL, lengths, proxy form, callbackUrl). */
    VALIDATION_ERROR("VALIDATION_ERROR", "TOKENSNIPED_VALIDATION_ERROR"),
    CHALLENGE_NOT_FOUND("CHALLENGE_NOT_FOUND", "TOKENSNIPED_CHALLENGE_NOT_FOUND"),
    TARGET_UNREACHABLE("TARGET_UNREACHABLE", "TOKENSNIPED_TARGET_UNREACHABLE"),
    /** Not a verified host of the account nor an operator-allowed origin, or a private address (the SSRF guard). */
    TARGET_NOT_ALLOWED("TARGET_NOT_ALLOWED", "TOKENSNIPED_TARGET_NOT_ALLOWED"),
    INTERNAL_ERROR("INTERNAL_ERROR", "TOKENSNIPED_INTERNAL_ERROR");

    /** Prefix of every code that is ours rather than the protocol's. */
    public static final String OWN_PREFIX = "TOKENSNIPED_";

    private static final Map<String, TaskProtocolError> BY_OUR_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(TaskProtocolError::ourCode, Function.identity()));

    private final String ourCode;
    private final String protocolCode;

    TaskProtocolError(String ourCode, String protocolCode) {
        this.ourCode = ourCode;
        this.protocolCode = protocolCode;
    }

    public String ourCode() {
        return ourCode;
    }

    public String protocolCode() {
        return protocolCode;
    }

    /** The protocol's code for one of ours; a code this table does not know keeps its name, prefixed. */
    public static String protocolCodeOf(String ourCode) {
        TaskProtocolError known = BY_OUR_CODE.get(ourCode);
        return known != null ? known.protocolCode : OWN_PREFIX + ourCode;
    }
}
