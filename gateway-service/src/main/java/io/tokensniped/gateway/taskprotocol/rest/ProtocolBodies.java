package io.tokensniped.gateway.taskprotocol.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The task protocol's bodies. The requests are read leniently from JSON (every provider's spelling, see
 * TaskTranslation); their records here describe them in the OpenAPI document.
 */
public final class ProtocolBodies {

    /** errorId of every successful answer. */
    static final int NO_ERROR = 0;
    /** errorId of every error answer: clients branch on errorCode (CapSolver answers 1 for all errors too). */
    static final int ERROR = 1;

    private ProtocolBodies() {
    }

    @Schema(name = "CreateTaskRequest", description = "Anti-Captcha / CapSolver / CapMonster / 2Captcha createTask body.")
    public record CreateTaskRequest(
            @Schema(required = true, description = "A TokenSniped API key (sk_live_… or sk_test_…).") String clientKey,
            @Schema(required = true) ProtocolTask task,
            @Schema(description = "Where the outcome is POSTed as a signed webhook when the task ends (the native per-solve callback; https on a public address).") String callbackUrl) {
    }

    @Schema(name = "ProtocolTask", description = "A task in any provider's spelling; see docs/guide/switching-providers.md.")
    public record ProtocolTask(
            @Schema(required = true, description = "TurnstileTaskProxyless, TurnstileTask, AntiTurnstileTaskProxyLess, "
                    + "GeeTestTaskProxyless, GeeTestTask, GeeTestTaskProxyLess, AntiCloudflareTask") String type,
            @Schema(required = true) String websiteURL,
            @Schema(description = "Turnstile site key") String websiteKey,
            @Schema(description = "Turnstile action (Anti-Captcha, 2Captcha)") String action,
            @Schema(description = "Turnstile cData (Anti-Captcha)") String cData,
            @Schema(description = "Turnstile action (CapMonster)") String pageAction,
            @Schema(description = "Turnstile cData (CapMonster, 2Captcha)") String data,
            @Schema(type = SchemaType.OBJECT, description = "CapSolver: {action, cdata}") JsonNode metadata,
            @Schema(description = "Geetest v4 captcha id (Anti-Captcha, CapMonster)") String gt,
            @Schema(description = "Geetest v4 captcha id (CapSolver)") String captchaId,
            @Schema(description = "Geetest: 4 (v3 is not supported)") Integer version,
            @Schema(type = SchemaType.OBJECT, description = "Geetest: {captcha_id} (2Captcha)") JsonNode initParameters,
            @Schema(description = "CapMonster TurnstileTask: cf_clearance (Cloudflare challenge cookie) or token") String cloudflareTaskType,
            String userAgent,
            @Schema(description = "http, https or socks5 (socks4 is TOKENSNIPED_PROXY_TYPE_NOT_SUPPORTED)") String proxyType,
            String proxyAddress,
            Integer proxyPort,
            String proxyLogin,
            String proxyPassword,
            @Schema(description = "CapSolver: [scheme:]host:port[:user:pass] or scheme://[user:pass@]host:port") String proxy) {
    }

    @Schema(name = "TaskResultRequest")
    public record TaskResultRequest(@Schema(required = true) String clientKey,
            @Schema(required = true, description = "createTask's taskId, or the solve's id") String taskId) {
    }

    @Schema(name = "BalanceRequest")
    public record BalanceRequest(@Schema(required = true) String clientKey) {
    }

    @Schema(name = "CreateTaskAnswer")
    public record CreateTaskAnswer(@Schema(minimum = "0", maximum = "0") int errorId, long taskId,
            @Schema(description = "The solve's id, as in history and streams (an extension)") UUID solveId) {
    }

    @Schema(name = "TaskResultAnswer", description = "status processing, or ready with the solution and its extras")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TaskResultAnswer(@Schema(minimum = "0", maximum = "0") int errorId, String status,
            @Schema(type = SchemaType.OBJECT, description = "In the requested provider's shape (see the guide)") ObjectNode solution,
            @Schema(description = "Credits charged (not USD), as a decimal string") String cost,
            @Schema(description = "The address createTask came from") String ip,
            @Schema(description = "Unix seconds") Long createTime,
            @Schema(description = "Unix seconds") Long endTime,
            Integer solveCount, UUID solveId) {
    }

    @Schema(name = "BalanceAnswer")
    public record BalanceAnswer(@Schema(minimum = "0", maximum = "0") int errorId, @Schema(description = "Credits (not USD): the native balance's credits") long balance) {
    }

    @Schema(name = "ProtocolErrorAnswer", description = "Every error, always with HTTP 200; errorCode as in the guide's table")
    public record ErrorAnswer(@Schema(minimum = "1", maximum = "1", description = "1 on every error: branch on errorCode") int errorId, String errorCode, String errorDescription) {
    }
}
