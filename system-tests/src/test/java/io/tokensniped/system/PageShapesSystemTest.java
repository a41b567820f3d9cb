package io.tokensniped.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.tokensniped.lab.InterstitialShape;
import io.tokensniped.lab.LabMode;
import io.tokensniped.lab.LabVerifiers;
import io.tokensniped.lab.TurnstileShape;
import io.tokensniped.system.Customers.Customer;

/**
 * Every page shape of the challenge lab's catalogue, solved through the gateway as a customer would, many times in a
 * row, with no wrong outcome: each token or clearance is checked by the shape's verifier (accepted once, refused when
 * replayed), each failure has its shape's code. Solves run in parallel, as many as the customers' share of the
 * solver's contexts allows. Shapes that take seconds by design (a ten-second check, a page that never clears, a page
 * without a challenge, a busy script) run fewer times. The suite solves each shape once (every shape is also solved by
 * the solver module's engine tests), which keeps the class near a minute on a CI machine; the acceptance run is {@code -Dtokensniped.shapes.repetitions=20 -Dtokensniped.shapes.slow-repetitions=20}
 * ({@code -Dtokensniped.shapes.types=interstitial} narrows it to one engine's shapes).
 */
@Order(4)
class PageShapesSystemTest {

    static final int REPETITIONS = Integer.getInteger("tokensniped.shapes.repetitions", 1);
    static final int SLOW_REPETITIONS = Integer.getInteger("tokensniped.shapes.slow-repetitions", 1);
    /** Which engines' shapes to solve (interstitial, turnstile, geetest): all unless narrowed for a long run. */
    static final List<String> TYPES = List
            .of(System.getProperty("tokensniped.shapes.types", "interstitial,turnstile,geetest").split(","));
    /** Two customers, each allowed half of a solver's four contexts at once. */
    static final int CUSTOMERS = 2;
    static final int IN_FLIGHT_PER_CUSTOMER = 2;
    static final String ACTION = "login";
    static final String CDATA = "order-42";
    /** Enough for the acceptance run's repetitions; the suite's finish in a fraction of it. */
    static final Duration RUN_LIMIT = Duration.ofMinutes(30);
    static final Duration CREDITS_WAIT = Duration.ofSeconds(30);
    static RunningSystem system;
    static List<Customer> customers = new ArrayList<>();

    /** One solve to make: what to post and how to check its answer (an empty string when it is right). */
    interface Case {

        String name();

        String type();

        String body();

        String check(ExtractableResponse<Response> answer) throws Exception;
    }

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add(withCredits());
        }
    }

    /** A customer who bought the growth package from the sandbox's Stripe, as the dashboard would. */
    static Customer withCredits() throws Exception {
        Customer c = Customers.funded(system);
        String url = Customers.gw(system.gatewayUrl).header("Authorization", "Bearer " + c.token())
                .body(Map.of("packageId", "growth")).post("/api/billing/checkout/stripe").then().statusCode(200)
                .extract().path("url");
        io.restassured.RestAssured.given().redirects().follow(false).post(url + "/pay").then()
                .statusCode(org.hamcrest.Matchers.lessThan(400));
        Instant deadline = Instant.now().plus(CREDITS_WAIT);
        while ((int) Customers.gw(system.gatewayUrl).header("x-api-key", c.apiKey()).get("/api/billing/balance").then()
                .statusCode(200).extract().path("credits") < 1000) {
            assertTrue(Instant.now().isBefore(deadline), "the purchase was never credited");
            Thread.sleep(100);
        }
        return c;
    }

    static boolean slow(InterstitialShape shape) {
        return shape == InterstitialShape.SLOW_10S || !shape.clears();
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String lab = system.labUrl;
        for (InterstitialShape shape : TYPES.contains("interstitial") ? InterstitialShape.values() : new InterstitialShape[0]) {
            for (int i = 0; i < (slow(shape) ? SLOW_REPETITIONS : REPETITIONS); i++) {
                cases.add(interstitial(lab, shape));
            }
        }
        for (TurnstileShape shape : TYPES.contains("turnstile") ? TurnstileShape.values() : new TurnstileShape[0]) {
            boolean slow = shape.expectedError().isPresent() || shape == TurnstileShape.LATE;
            for (int i = 0; i < (slow ? SLOW_REPETITIONS : REPETITIONS); i++) {
                cases.add(turnstile(lab, shape));
            }
        }
        for (int i = 0; i < (TYPES.contains("geetest") ? REPETITIONS : 0); i++) {
            cases.add(geetestLate(lab));
            cases.add(geetestOtherId(lab));
        }
        return cases;
    }

    static Case interstitial(String lab, InterstitialShape shape) {
        return new Case() {

            public String name() {
                return "interstitial " + shape.pathName();
            }

            public String type() {
                return "interstitial";
            }

            public String body() {
                return "{\"url\":\"" + lab + shape.path() + "members?from=system-test\",\"timeout\":"
                        + (shape == InterstitialShape.STUCK ? 6 : 40) + "}";
            }

            public String check(ExtractableResponse<Response> answer) throws Exception {
                if (!shape.clears()) {
                    String expected = shape == InterstitialShape.NONE ? "CHALLENGE_NOT_FOUND" : "SOLVE_TIMEOUT";
                    return expected.equals(answer.path("error.code")) ? "" : "expected " + expected;
                }
                if (answer.statusCode() != 200) {
                    return "not solved";
                }
                List<Map<String, Object>> cookies = answer.path("solution.cookies");
                String clearance = cookies.stream().filter(c -> LabVerifiers.CLEARANCE_COOKIE.equals(c.get("name")))
                        .map(c -> (String) c.get("value")).findFirst().orElse("");
                String userAgent = answer.path("solution.userAgent");
                String first = LabVerifiers.interstitial(lab, shape, clearance, userAgent);
                String replay = LabVerifiers.interstitial(lab, shape, clearance, userAgent);
                return LabVerifiers.accepted(first) && !LabVerifiers.accepted(replay)
                        ? ""
                        : "verifier said " + first + ", replay " + replay;
            }
        };
    }

    static Case turnstile(String lab, TurnstileShape shape) {
        String siteKey = LabMode.SLOW.siteKey();
        return new Case() {

            public String name() {
                return "turnstile " + shape.pathName();
            }

            public String type() {
                return "turnstile";
            }

            public String body() {
                return "{\"siteKey\":\"" + siteKey + "\",\"pageUrl\":\"" + lab + shape.path(siteKey, ACTION, CDATA)
                        + "\",\"action\":\"" + ACTION + "\",\"cdata\":\"" + CDATA + "\",\"timeout\":"
                        + (shape.expectedError().isPresent() ? 6 : 40) + "}";
            }

            public String check(ExtractableResponse<Response> answer) throws Exception {
                if (shape.expectedError().isPresent()) {
                    return shape.expectedError().get().equals(answer.path("error.code"))
                            ? ""
                            : "expected " + shape.expectedError().get();
                }
                if (answer.statusCode() != 200) {
                    return "not solved";
                }
                String token = answer.path("solution.token");
                String first = LabVerifiers.turnstile(lab, token, siteKey);
                String replay = LabVerifiers.turnstile(lab, token, siteKey);
                return LabVerifiers.accepted(first) && first.contains("\"action\":\"" + ACTION + "\"")
                        && first.contains("\"cdata\":\"" + CDATA + "\"") && !LabVerifiers.accepted(replay)
                                ? ""
                                : "siteverify said " + first + ", replay " + replay;
            }
        };
    }

    static Case geetestLate(String lab) {
        String id = LabMode.PASS.captchaId();
        return new Case() {

            public String name() {
                return "geetest late";
            }

            public String type() {
                return "geetest";
            }

            public String body() {
                return "{\"captchaId\":\"" + id + "\",\"pageUrl\":\"" + lab + "/geetest/page?late&captcha_id=" + id
                        + "\",\"timeout\":40}";
            }

            public String check(ExtractableResponse<Response> answer) throws Exception {
                if (answer.statusCode() != 200) {
                    return "not solved";
                }
                String first = LabVerifiers.geetest(lab, answer.path("solution.captchaId"), answer.path("solution.lotNumber"),
                        answer.path("solution.captchaOutput"), answer.path("solution.passToken"),
                        answer.path("solution.genTime"));
                String replay = LabVerifiers.geetest(lab, answer.path("solution.captchaId"), answer.path("solution.lotNumber"),
                        answer.path("solution.captchaOutput"), answer.path("solution.passToken"),
                        answer.path("solution.genTime"));
                return LabVerifiers.validated(first) && !LabVerifiers.validated(replay)
                        ? ""
                        : "validate said " + first + ", replay " + replay;
            }
        };
    }

    /** The page's widget has another captcha id than the request's: refused, naming the id found. */
    static Case geetestOtherId(String lab) {
        String asked = LabMode.PASS.captchaId();
        String onPage = LabMode.SLOW.captchaId();
        return new Case() {

            public String name() {
                return "geetest other id";
            }

            public String type() {
                return "geetest";
            }

            public String body() {
                return "{\"captchaId\":\"" + asked + "\",\"pageUrl\":\"" + lab + "/geetest/page?captcha_id=" + onPage
                        + "\",\"timeout\":40}";
            }

            public String check(ExtractableResponse<Response> answer) {
                String message = answer.path("error.message");
                return "CHALLENGE_NOT_FOUND".equals(answer.path("error.code")) && message != null && message.contains(onPage)
                        ? ""
                        : "expected CHALLENGE_NOT_FOUND naming " + onPage;
            }
        };
    }

    /** Posts the case, retrying a 429 or 503 after the Retry-After the contract gives, and checks the answer. */
    static String solve(Customer customer, Case c) throws Exception {
        while (true) {
            ExtractableResponse<Response> answer = Customers.gw(system.gatewayUrl).header("x-api-key", customer.apiKey())
                    .body(c.body()).post("/api/solve/" + c.type()).then().extract();
            if (answer.statusCode() == 429 || answer.statusCode() == 503) {
                String retryAfter = answer.header("Retry-After");
                Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter == null ? 1 : Long.parseLong(retryAfter)));
                continue;
            }
            String wrong = c.check(answer);
            return wrong.isEmpty()
                    ? ""
                    : c.name() + ": " + wrong + " (" + answer.statusCode() + " " + answer.body().asString() + ")";
        }
    }

    @Test
    void everyShapeIsSolvedOverAndOverWithoutAWrongOutcome() throws Exception {
        List<Case> cases = cases();
        ConcurrentLinkedQueue<Case> queue = new ConcurrentLinkedQueue<>(cases);
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        Instant began = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(CUSTOMERS * IN_FLIGHT_PER_CUSTOMER);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < CUSTOMERS * IN_FLIGHT_PER_CUSTOMER; w++) {
            Customer customer = customers.get(w % CUSTOMERS);
            workers.add(pool.submit(() -> {
                for (Case c = queue.poll(); c != null; c = queue.poll()) {
                    String outcome = solve(customer, c);
                    if (!outcome.isEmpty()) {
                        wrong.add(outcome);
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS),
                "the solves did not end within " + RUN_LIMIT);
        for (Future<?> worker : workers) {
            worker.get();
        }
        System.out.printf("page shapes (%s): %d solves (%d per shape, %d for the slow ones) in %d s, %d wrong%n",
                String.join(",", TYPES), cases.size(), REPETITIONS, SLOW_REPETITIONS,
                Duration.between(began, Instant.now()).toSeconds(), wrong.size());
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong outcomes:\n" + String.join("\n", wrong));
    }
}
