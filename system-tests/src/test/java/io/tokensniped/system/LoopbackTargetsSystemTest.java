package io.tokensniped.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tokensniped.localstack.infra.Endpoints;
import io.tokensniped.system.Customers.Customer;

/**
 * The run command allows the solver's browser exactly the challenge lab's origin. Every other port the stack listens
 * on (PostgreSQL, Redis, Kafka, each service, the gateways) and other spellings of loopback are refused: as the page
 * of a solve (TARGET_NOT_ALLOWED), as where an allowed lab page redirects (TARGET_NOT_ALLOWED), and as a subresource
 * of an allowed lab page (the request is blocked by the egress guard, which counts it). None of it costs a credit.
 * Only loopback is ever aimed at, never a private or link-local range.
 */
@Order(2)
class LoopbackTargetsSystemTest {

    static final String LAB_FAIL = "0xLABfail00000000000000000000";
    static final Pattern BLOCKED = Pattern.compile("(?m)^solver_egress_blocked_total(\\{[^}]*})? ([0-9.]+)$");
    static final List<String> OTHER_SPELLINGS = List.of("http://2130706433/", "http://0x7f000001/", "http://127.1/",
            "http://[::ffff:127.0.0.1]/", "http://localhost./", "http://[::1]/", "http://0.0.0.0/");
    static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
    }

    /** Every place on this machine the stack listens, but the lab: what a solve must never reach. */
    static Set<String> stackTargets() throws Exception {
        Endpoints infra = SharedSystem.endpoints();
        Set<String> targets = new LinkedHashSet<>();
        targets.add("http://127.0.0.1:" + infra.postgresPort() + "/");
        targets.add("http://127.0.0.1:" + infra.redisPort() + "/");
        targets.add("http://" + infra.kafkaBootstrapServers().split(",")[0] + "/");
        Map<String, String> gateway = system.environmentOf("gateway-service");
        for (String service : List.of("KEYS", "SOLVER", "BILLING", "HISTORY", "WEBHOOKS")) {
            targets.add(gateway.get("TOKENSNIPED_SERVICES_" + service + "_URL") + "/q/health");
        }
        system.gatewayUrls.forEach(url -> targets.add(url + "/api/health"));
        targets.addAll(OTHER_SPELLINGS);
        return targets;
    }

    static ExtractableResponse<Response> solve(Customer customer, String pageUrl, String siteKey) {
        return Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                .body("{\"siteKey\":\"" + siteKey + "\",\"pageUrl\":\"" + pageUrl + "\",\"timeout\":30}")
                .post("/api/solve/turnstile").then().extract();
    }

    static String encode(String url) {
        return URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    static double blockedByTheSolver() throws Exception {
        String solver = system.environmentOf("gateway-service").get("TOKENSNIPED_SERVICES_SOLVER_URL");
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(solver + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = BLOCKED.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }

    static int credits(Customer customer) {
        return Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey()).get("/api/billing/balance").then()
                .statusCode(200).extract().path("credits");
    }

    @Test
    void everyOtherPortAndSpellingOfLoopbackIsRefusedDirectlyByRedirectAndAsASubresourceAndCostsNothing() throws Exception {
        Customer customer = Customers.funded(system);
        List<String> wrong = new ArrayList<>();
        for (String target : stackTargets()) {
            for (String page : List.of(target, system.labUrl + "/lab/redirect?to=" + encode(target))) {
                ExtractableResponse<Response> refused = solve(customer, page, LAB_FAIL);
                if (refused.statusCode() != 502 || !"TARGET_NOT_ALLOWED".equals(refused.path("error.code"))) {
                    wrong.add(page + " -> " + refused.statusCode() + " " + refused.body().asString());
                }
            }
            // The lab page loads a script from the target before its (failing) widget: the script must be blocked.
            double blocked = blockedByTheSolver();
            ExtractableResponse<Response> embedded = solve(customer, system.labUrl + "/lab/embed?sitekey=" + LAB_FAIL
                    + "&src=" + encode(target), LAB_FAIL);
            if (!"INTERACTIVE_CHALLENGE".equals(embedded.path("error.code")) || blockedByTheSolver() <= blocked) {
                wrong.add("subresource " + target + " -> " + embedded.statusCode() + " " + embedded.body().asString()
                        + ", blocked " + blocked + " -> " + blockedByTheSolver());
            }
        }
        assertTrue(wrong.isEmpty(), "not refused as they should be:\n" + String.join("\n", wrong));
        assertEquals(10, credits(customer), "refused solves cost nothing");
    }
}
