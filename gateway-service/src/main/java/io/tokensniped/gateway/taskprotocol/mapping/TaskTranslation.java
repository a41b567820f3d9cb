package io.tokensniped.gateway.taskprotocol.mapping;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.tokensniped.events.solve.CallbackFormat;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.solve.rest.GeetestRequest;
import io.tokensniped.gateway.solve.rest.InterstitialRequest;
import io.tokensniped.gateway.solve.rest.TurnstileRequest;
import io.tokensniped.gateway.solve.service.SolveSubmission;
import io.tokensniped.support.taskprotocol.SolutionShape;
import io.tokensniped.support.taskprotocol.TaskProtocolError;

/**
 * A createTask {@code task} object, in any provider's spelling, as one of our native solve requests. Pure: no I/O,
 * so every spelling is tested in milliseconds (TaskTranslationTest). The native request it builds is then validated
 * by the same rules as {@code POST /api/solve/*} (the caller does that, it has the Validator).
 */
public final class TaskTranslation {

    /** Our solve, the native request it came from (validated, and fingerprinted like a native one), the shape to answer. */
    public record TranslatedTask(SolveSubmission submission, Object nativeRequest, SolutionShape shape) {
    }

    /** Type names, lower-cased: providers differ in "Proxyless" vs "ProxyLess", so names match without case. */
    private static final Set<String> TURNSTILE_TYPES = Set.of("turnstiletaskproxyless", "turnstiletask",
            "antiturnstiletaskproxyless");
    private static final Set<String> GEETEST_TYPES = Set.of("geetesttaskproxyless", "geetesttask");
    private static final String ANTI_CLOUDFLARE = "anticloudflaretask";
    /** CapMonster's TurnstileTask variants: a challenge page's cookie, or the token of a challenge page's widget. */
    private static final String CF_CLEARANCE = "cf_clearance";
    private static final String CF_TOKEN = "token";
    private static final int GEETEST_V4 = 4;
    private static final Map<String, String> PROXY_SCHEMES = Map.of("http", "http", "https", "https", "socks5", "socks5");
    private static final String SOCKS4 = "socks4";

    private TaskTranslation() {
    }

    public static TranslatedTask translate(JsonNode task) {
        return translate(task, null, null);
    }

    /**
     * The task as a native solve; {@code callbackUrl} (createTask's, beside the task) becomes the solve's per-solve
     * callback, checked by admission and delivered signed by webhooks-service like any solve's, but with the body
     * getTaskResult answers once the task ended: its format names the task's solution shape and {@code clientIp}
     * (the address createTask came from, getTaskResult's {@code ip}).
     */
    public static TranslatedTask translate(JsonNode task, String callbackUrl, String clientIp) {
        TranslatedTask translated = translateTask(task, callbackUrl);
        if (callbackUrl == null) {
            return translated;
        }
        SolveSubmission solve = translated.submission();
        return new TranslatedTask(new SolveSubmission(solve.type(), solve.body(), solve.target(), solve.proxy(),
                solve.timeoutSeconds(), callbackUrl, CallbackFormat.taskProtocol(translated.shape().name(), clientIp)),
                translated.nativeRequest(), translated.shape());
    }

    private static TranslatedTask translateTask(JsonNode task, String callbackUrl) {
        if (task == null || !task.isObject()) {
            throw new TaskRefused(TaskProtocolError.TASK_ABSENT, "createTask needs a task object");
        }
        String type = text(task, "type");
        if (type == null) {
            throw new TaskRefused(TaskProtocolError.TASK_NOT_SUPPORTED, "task.type is missing");
        }
        String name = type.toLowerCase(Locale.ROOT);
        String proxy = proxy(task);
        if (TURNSTILE_TYPES.contains(name)) {
            String cloudflareTaskType = text(task, "cloudflareTaskType");
            if (cloudflareTaskType == null || CF_TOKEN.equalsIgnoreCase(cloudflareTaskType)) {
                return turnstile(task, proxy, callbackUrl);
            }
            if (CF_CLEARANCE.equalsIgnoreCase(cloudflareTaskType)) {
                return interstitial(task, proxy, SolutionShape.CF_CLEARANCE, callbackUrl);
            }
            throw new TaskRefused(TaskProtocolError.TASK_NOT_SUPPORTED, "cloudflareTaskType " + cloudflareTaskType
                    + " is not supported (cf_clearance or token)");
        }
        if (GEETEST_TYPES.contains(name)) {
            return geetest(task, proxy, callbackUrl);
        }
        if (ANTI_CLOUDFLARE.equals(name)) {
            return interstitial(task, proxy, SolutionShape.CLOUDFLARE_COOKIES, callbackUrl);
        }
        throw new TaskRefused(TaskProtocolError.TASK_NOT_SUPPORTED, "task type " + type
                + " is not supported: Turnstile, Geetest v4 and Cloudflare challenge tasks are");
    }

    private static TranslatedTask turnstile(JsonNode task, String proxy, String callbackUrl) {
        String action = first(text(task, "action"), text(task.path("metadata"), "action"), text(task, "pageAction"));
        String cdata = first(text(task, "cData"), text(task.path("metadata"), "cdata"), text(task, "data"));
        TurnstileRequest request = new TurnstileRequest(text(task, "websiteKey"), text(task, "websiteURL"), action, cdata,
                proxy, null,
                callbackUrl);
        SolveTarget target = SolveTarget.turnstile(request.pageUrl(), request.siteKey(), request.action(), request.cdata());
        return new TranslatedTask(new SolveSubmission(SolveType.TURNSTILE, request, target, proxy, null, callbackUrl), request,
                SolutionShape.TURNSTILE);
    }

    /**
     * Geetest v4 only. Providers without a version field mean v3 unless they say otherwise, but CapSolver marks v4 by
     * {@code captchaId} alone: so no version and no v3 {@code challenge} counts as v4.
     */
    private static TranslatedTask geetest(JsonNode task, String proxy, String callbackUrl) {
        JsonNode version = field(task, "version");
        boolean v4 = version != null && !version.isNull() ? version.asInt() == GEETEST_V4 : text(task, "challenge") == null;
        if (!v4) {
            throw new TaskRefused(TaskProtocolError.TASK_NOT_SUPPORTED, "only Geetest v4 is supported (version: 4)");
        }
        String captchaId = first(text(task, "gt"), text(task, "captchaId"), text(task.path("initParameters"), "captcha_id"));
        GeetestRequest request = new GeetestRequest(captchaId, text(task, "websiteURL"), proxy, null, callbackUrl);
        SolveTarget target = SolveTarget.geetest(request.pageUrl(), request.captchaId());
        return new TranslatedTask(new SolveSubmission(SolveType.GEETEST, request, target, proxy, null, callbackUrl), request,
                SolutionShape.GEETEST);
    }

    private static TranslatedTask interstitial(JsonNode task, String proxy, SolutionShape shape, String callbackUrl) {
        InterstitialRequest request = new InterstitialRequest(text(task, "websiteURL"), proxy, null, text(task, "userAgent"),
                callbackUrl);
        SolveTarget target = SolveTarget.interstitial(request.url(), request.userAgent());
        return new TranslatedTask(new SolveSubmission(SolveType.INTERSTITIAL, request, target, proxy, null, callbackUrl),
                request, shape);
    }

    /**
     * Our {@code scheme://[user:pass@]host:port} from the five proxy fields, or from CapSolver's one {@code proxy}
     * string ({@code [scheme:]host:port[:user:pass]} or already a URL). Null when the task names no proxy.
     */
    static String proxy(JsonNode task) {
        String single = text(task, "proxy");
        String address = text(task, "proxyAddress");
        if (address != null) {
            JsonNode port = field(task, "proxyPort");
            return proxyUrl(text(task, "proxyType"), address, port == null ? null : port.asText(), text(task, "proxyLogin"),
                    text(task, "proxyPassword"));
        }
        if (single == null) {
            return null;
        }
        if (single.contains("://")) {
            String scheme = single.substring(0, single.indexOf("://"));
            checkScheme(scheme);
            return single;
        }
        String[] parts = single.split(":", -1);
        int at = PROXY_SCHEMES.containsKey(parts[0].toLowerCase(Locale.ROOT)) || SOCKS4.equalsIgnoreCase(parts[0]) ? 1 : 0;
        String scheme = at == 1 ? parts[0] : null;
        int left = parts.length - at;
        // host:port, or host:port:user:pass
        if (left != 2 && left != 4) {
            throw new TaskRefused(TaskProtocolError.VALIDATION_ERROR, "proxy must be [scheme:]host:port[:user:pass] or a URL");
        }
        return proxyUrl(scheme, parts[at], parts[at + 1], left == 4 ? parts[at + 2] : null, left == 4 ? parts[at + 3] : null);
    }

    private static String proxyUrl(String type, String address, String port, String login, String password) {
        String scheme = checkScheme(type == null ? "http" : type);
        String credentials = login != null && password != null ? login + ":" + password + "@" : "";
        // The native rule validates the assembled URL (host, port digits, no spaces), as for a native request.
        return scheme + "://" + credentials + address + ":" + port;
    }

    private static String checkScheme(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        if (SOCKS4.equals(lower)) {
            throw new TaskRefused(TaskProtocolError.PROXY_TYPE_NOT_SUPPORTED,
                    "socks4 proxies are not supported: use http, https or socks5");
        }
        String scheme = PROXY_SCHEMES.get(lower);
        if (scheme == null) {
            throw new TaskRefused(TaskProtocolError.VALIDATION_ERROR, "proxyType must be http, https or socks5");
        }
        return scheme;
    }

    /** A field by its exact name, else the one whose name differs only in case ("websiteUrl" for "websiteURL"). */
    static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null || !object.isObject()) {
            return exact;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String candidate = names.next();
            if (candidate.equalsIgnoreCase(name)) {
                return object.get(candidate);
            }
        }
        return null;
    }

    /** A field's text; absent, null and blank are all "not given" (clients send "" for options they leave out). */
    static String text(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
