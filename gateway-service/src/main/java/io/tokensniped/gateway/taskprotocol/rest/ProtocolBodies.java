package io.tokensniped.gateway.taskprotocol.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The task protocol's bodies. The requests are read leniently from JSON (every provider's spelling, see
 * TaskTranslation); their records here describe them in the OpenAPI document. getTaskResult's answers and the error
 * body are {@code TaskAnswers} of service-support: webhooks-service posts the same body to a task's callbackUrl.
 */
public final class ProtocolBodies {

    private ProtocolBodies() {
    }

    @Schema(name = "CreateTaskRequest", description = "Anti-Captcha / CapSolver / CapMonster / 2Captcha createTask body.")
    public record CreateTaskRequest(
            @Schema(required = true, description = "A TokenSniped API key (sk_live_… or sk_test_…).") String clientKey,
            @Schema(required = true) ProtocolTask task,
            @Schema(description = "Where getTaskResult's body for the task is POSTed when the task ends, signed as a webhook "
                    + "with the account's callback secret (https on a public address; docs/guide/switching-providers.md).") String callbackUrl) {
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

    @Schema(name = "BalanceAnswer")
    public record BalanceAnswer(@Schema(minimum = "0", maximum = "0") int errorId,
            @Schema(description = "Credits (not USD): the native balance's credits") long balance) {
    }
}
