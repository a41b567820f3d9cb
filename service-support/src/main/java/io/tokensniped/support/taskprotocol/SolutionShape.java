package io.tokensniped.support.taskprotocol;

import java.util.Arrays;
import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tokensniped.events.solve.SolveType;

/**
 * How getTaskResult shapes a solution, chosen by the task type the client asked for: our solution objects (the
 * contract's) renamed to what each provider's clients read. The name travels in a solve's callback format
 * ({@code CallbackFormat.solutionShape}) to webhooks-service, which renders the createTask callback's body with it.
 */
public enum SolutionShape {

    /** {@code {token, userAgent}}: ours as is. */
    TURNSTILE {

        @Override
        public ObjectNode render(JsonNode ours) {
            ObjectNode out = NODES.objectNode();
            out.set("token", ours.path("token"));
            out.set("userAgent", ours.path("userAgent"));
            return out;
        }
    },
    /** Geetest v4 with the widget's own snake_case names. */
    GEETEST {

        @Override
        public ObjectNode render(JsonNode ours) {
            ObjectNode out = NODES.objectNode();
            out.set("captcha_id", ours.path("captchaId"));
            out.set("lot_number", ours.path("lotNumber"));
            out.set("pass_token", ours.path("passToken"));
            out.set("gen_time", ours.path("genTime"));
            out.set("captcha_output", ours.path("captchaOutput"));
            return out;
        }
    },
    /** CapSolver's AntiCloudflareTask: {@code cookies} as name → value (cf_clearance among them), plus the user agent. */
    CLOUDFLARE_COOKIES {

        @Override
        public ObjectNode render(JsonNode ours) {
            ObjectNode out = NODES.objectNode();
            out.set("cookies", cookieMap(ours));
            out.set("userAgent", ours.path("userAgent"));
            return out;
        }
    },
    /** CapMonster's TurnstileTask with cloudflareTaskType cf_clearance: the cookie's value alone (and all of them). */
    CF_CLEARANCE {

        @Override
        public ObjectNode render(JsonNode ours) {
            ObjectNode out = NODES.objectNode();
            ObjectNode cookies = cookieMap(ours);
            out.set("cf_clearance", cookies.has(CF_CLEARANCE_COOKIE) ? cookies.get(CF_CLEARANCE_COOKIE) : NODES.nullNode());
            out.set("cookies", cookies);
            out.set("userAgent", ours.path("userAgent"));
            return out;
        }
    };

    /** The cookie Cloudflare's challenge sets once it is passed. */
    static final String CF_CLEARANCE_COOKIE = "cf_clearance";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The protocol's solution object for our solution object. */
    public abstract ObjectNode render(JsonNode ours);

    /** The shape of a solve asked for without one (by its bare solve id): its type's usual one. */
    public static SolutionShape defaultFor(SolveType type) {
        return switch (type) {
            case TURNSTILE -> TURNSTILE;
            case GEETEST -> GEETEST;
            case INTERSTITIAL -> CLOUDFLARE_COOKIES;
        };
    }

    /** The shape by its name, or {@code type}'s default when the name is absent or not one of ours. */
    public static SolutionShape named(String name, SolveType type) {
        return Arrays.stream(values()).filter(shape -> shape.name().equals(name)).findFirst().orElseGet(() -> defaultFor(type));
    }

    private static ObjectNode cookieMap(JsonNode ours) {
        ObjectNode map = NODES.objectNode();
        for (Iterator<JsonNode> it = ours.path("cookies").elements(); it.hasNext();) {
            JsonNode cookie = it.next();
            map.set(cookie.path("name").asText(), cookie.path("value"));
        }
        return map;
    }
}
