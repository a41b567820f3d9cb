package io.tokensniped.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveStarted;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.lab.LabMode;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;

/** The interstitial engine against every mode of the lab's "checking your browser" site, in Debian Chromium. */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class InterstitialSolveTest extends LabSolveTest {

    static final String CUSTOMER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) TokenSnipedCustomer/1.0";

    SolveRequested labJob(LabMode mode, String userAgent, int timeoutSeconds) {
        return job(SolveType.INTERSTITIAL, SolveTarget.interstitial(lab.baseUrl() + mode.interstitialPath() + "members?x=1",
                userAgent), in(timeoutSeconds));
    }

    SolveRequested labJob(LabMode mode, int timeoutSeconds) {
        return labJob(mode, null, timeoutSeconds);
    }

    /** The site itself is the verifier: with the returned cookies and user agent it serves the protected page. */
    static HttpResponse<String> reopen(Solution.Interstitial cleared) throws Exception {
        String cookies = cleared.cookies().stream().map(c -> c.name() + "=" + c.value()).collect(Collectors.joining("; "));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cleared.finalUrl()))
                .header("User-Agent", cleared.userAgent()).header("Cookie", cookies).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void passingChallengeYieldsCookiesThatOpenTheSite() throws Exception {
        List<SolveEvent> events = run(labJob(LabMode.PASS, 30));
        assertTrue(events.get(0) instanceof SolveStarted, events.toString());
        Solution.Interstitial cleared = solution(events, Solution.Interstitial.class);
        assertEquals(200, cleared.statusCode());
        assertEquals(lab.baseUrl() + LabMode.PASS.interstitialPath() + "members", cleared.finalUrl());
        Solution.Cookie clearance = cleared.cookies().stream().filter(c -> c.name().equals("lab_clearance")).findFirst()
                .orElseThrow(() -> new AssertionError("no clearance cookie in " + cleared.cookies()));
        assertTrue(clearance.httpOnly());
        assertEquals("Lax", clearance.sameSite());
        assertTrue(clearance.expires() > 0);
        HttpResponse<String> page = reopen(cleared);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Protected content"));
    }

    @Test
    void theCustomersUserAgentIsUsedAndTheClearanceIsBoundToIt() throws Exception {
        Solution.Interstitial cleared = solution(run(labJob(LabMode.SLOW, CUSTOMER_AGENT, 30)), Solution.Interstitial.class);
        assertEquals(CUSTOMER_AGENT, cleared.userAgent());
        assertEquals(200, reopen(cleared).statusCode());
        Solution.Interstitial otherAgent = new Solution.Interstitial(cleared.cookies(), "SomeoneElse/1.0", cleared.finalUrl(),
                200);
        assertEquals(503, reopen(otherAgent).statusCode(), "the lab binds clearance to the user agent");
    }

    @Test
    void checkboxChallengeIsInteractive() throws Exception {
        SolveFailed failed = failure(run(labJob(LabMode.INTERACTIVE, 30)));
        assertEquals(SolveErrorCode.INTERACTIVE_CHALLENGE, failed.errorCode());
        assertTrue(failed.message().contains("checkbox"), failed.message());
    }

    @Test
    void challengeThatBlocksTheBrowserIsReported() throws Exception {
        SolveFailed failed = failure(run(labJob(LabMode.FAIL, 30)));
        assertEquals(SolveErrorCode.INTERACTIVE_CHALLENGE, failed.errorCode(), failed.message());
        assertTrue(failed.message().contains("HTTP 403"), failed.message());
    }

    @Test
    void challengeThatNeverEndsOrIsBrokenTimesOutAndSaysWhy() throws Exception {
        assertEquals(SolveErrorCode.SOLVE_TIMEOUT, failure(run(labJob(LabMode.NEVER, 6))).errorCode());
        SolveFailed broken = failure(run(labJob(LabMode.BROKEN, 6)));
        assertEquals(SolveErrorCode.SOLVE_TIMEOUT, broken.errorCode());
        assertTrue(broken.message().contains("script failed"), broken.message());
    }

    @Test
    void pageWithoutAChallengeIsChallengeNotFound() throws Exception {
        SolveRequested plain = job(SolveType.INTERSTITIAL, SolveTarget.interstitial(lab.baseUrl() + "/turnstile/demo", null),
                in(30));
        assertEquals(SolveErrorCode.CHALLENGE_NOT_FOUND, failure(run(plain)).errorCode());
    }
}
