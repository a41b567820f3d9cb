package io.tokensniped.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.lab.LabMode;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import jakarta.inject.Inject;

/**
 * The browser-level SSRF guard: the page itself is on an operator-allowed host (the lab at 127.0.0.1), but what it
 * then asks the browser for (a redirect hop, a subresource) goes to loopback, private, link-local, metadata, IPv6
 * loopback or unresolvable addresses. Each must be refused by the solver's egress guard, never contacted. The lab's
 * probe behind "localhost" counts contacts, so "refused" cannot be confused with "tried and failed".
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class EgressGuardTest extends LabSolveTest {

    @Inject
    MeterRegistry metrics;

    double blockedSoFar() {
        return metrics.counter("solver.egress.blocked").count();
    }

    String probeBehindLocalhost() {
        return "http://localhost:" + lab.port() + "/lab/probe";
    }

    SolveRequested turnstileAt(String pageUrl) {
        return job(SolveType.TURNSTILE, SolveTarget.turnstile(pageUrl, LabMode.PASS.siteKey(), null, null), in(30));
    }

    static String encode(String url) {
        return URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    @Test
    void aRedirectToAnInternalAddressIsRefusedAndNeverFollowed() throws Exception {
        for (String internal : List.of("http://10.1.2.3/admin", "http://169.254.169.254/latest/meta-data/",
                "https://192.168.0.1/", "http://[::1]:" + lab.port() + "/lab/probe", probeBehindLocalhost(),
                "http://127.0.0.2:" + lab.port() + "/lab/probe", "http://no-such-host.invalid/")) {
            long probed = lab.probeHits();
            double blocked = blockedSoFar();
            List<SolveEvent> events = run(turnstileAt(lab.baseUrl() + "/lab/redirect?to=" + encode(internal)));
            SolveFailed failed = failure(events);
            assertEquals(SolveErrorCode.TARGET_NOT_ALLOWED, failed.errorCode(), internal + ": " + failed.message());
            String host = java.net.URI.create(internal).getHost().replace("[", "").replace("]", "");
            assertTrue(failed.message().contains(host + ", which is not allowed"), failed.message());
            // At least the hop itself; the browser may also ask the refused origin for its favicon.
            assertTrue(blockedSoFar() > blocked, "the guard refused the hop to " + internal);
            assertEquals(probed, lab.probeHits(), "nothing reached the lab through " + internal);
        }
    }

    @Test
    void aSubresourceFromAnInternalAddressIsRefusedWhileThePageStillSolves() throws Exception {
        for (String internal : List.of("http://10.0.0.1/x.js", "http://172.16.5.4/x.js", "http://169.254.169.254/x.js",
                "http://[fd00::1]/x.js", "http://[::1]:" + lab.port() + "/lab/probe", probeBehindLocalhost(),
                "https://metadata.google.internal/computeMetadata/v1/")) {
            long probed = lab.probeHits();
            double blocked = blockedSoFar();
            List<SolveEvent> events = run(turnstileAt(lab.baseUrl() + "/lab/embed?sitekey=" + LabMode.PASS.siteKey()
                    + "&src=" + encode(internal)));
            assertTrue(solution(events, Solution.Turnstile.class).token().length() > 10, internal);
            assertEquals(blocked + 1, blockedSoFar(), "the guard refused " + internal);
            assertEquals(probed, lab.probeHits(), "nothing reached the lab through " + internal);
        }
    }

    @Test
    void theGuardForwardsWhatIsAllowed() throws Exception {
        long probed = lab.probeHits();
        double blocked = blockedSoFar();
        List<SolveEvent> events = run(turnstileAt(lab.baseUrl() + "/lab/embed?sitekey=" + LabMode.PASS.siteKey()
                + "&src=" + encode(lab.baseUrl() + "/lab/probe")));
        solution(events, Solution.Turnstile.class);
        assertEquals(probed + 1, lab.probeHits(), "the allowed lab script was fetched through the guard");
        assertEquals(blocked, blockedSoFar());
    }
}
