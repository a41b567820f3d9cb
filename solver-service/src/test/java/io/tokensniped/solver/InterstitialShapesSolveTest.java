package io.tokensniped.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.events.solve.Solution;
import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.events.solve.SolveEvent;
import io.tokensniped.events.solve.SolveFailed;
import io.tokensniped.events.solve.SolveSucceeded;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.lab.InterstitialShape;
import io.tokensniped.lab.LabVerifiers;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;

/**
 * The interstitial engine against every page shape of the lab's catalogue: each one that clears yields the site's
 * clearance (checked once by the shape's verifier, refused on replay); the one that never clears times out saying
 * what the page was doing; a site without a challenge is CHALLENGE_NOT_FOUND.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class InterstitialShapesSolveTest extends LabSolveTest {

    /** Longer than the slowest shape (ten seconds of waiting) plus its proof of work. */
    static final int CLEARING_TIMEOUT_SECONDS = 30;
    static final int STUCK_TIMEOUT_SECONDS = 6;

    List<SolveEvent> solve(InterstitialShape shape, int timeoutSeconds) throws Exception {
        return run(
                job(SolveType.INTERSTITIAL, SolveTarget.interstitial(lab.baseUrl() + shape.path() + "members?from=test", null),
                        in(timeoutSeconds)));
    }

    @Test
    void everyShapeThatClearsYieldsAClearanceItsVerifierAcceptsOnce() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (InterstitialShape shape : InterstitialShape.values()) {
            if (!shape.clears()) {
                continue;
            }
            List<SolveEvent> events = solve(shape, CLEARING_TIMEOUT_SECONDS);
            SolveEvent last = events.get(events.size() - 1);
            if (!(last instanceof SolveSucceeded done)) {
                wrong.add(shape + ": " + last);
                continue;
            }
            Solution.Interstitial cleared = (Solution.Interstitial) done.solution();
            String outcome = LabVerifiers.interstitial(lab.baseUrl(), shape, cleared.cookies().stream()
                    .filter(c -> c.name().equals(LabVerifiers.CLEARANCE_COOKIE)).map(Solution.Cookie::value).findFirst()
                    .orElse(""), cleared.userAgent());
            String replay = LabVerifiers.interstitial(lab.baseUrl(), shape, cleared.cookies().stream()
                    .filter(c -> c.name().equals(LabVerifiers.CLEARANCE_COOKIE)).map(Solution.Cookie::value).findFirst()
                    .orElse(""), cleared.userAgent());
            if (cleared.statusCode() != 200 || !cleared.finalUrl().startsWith(lab.baseUrl() + shape.path() + "members")
                    || !LabVerifiers.accepted(outcome) || LabVerifiers.accepted(replay)) {
                wrong.add(shape + ": " + cleared + " verifier " + outcome + " replay " + replay);
            }
        }
        assertTrue(wrong.isEmpty(), "shapes not solved as they should be:\n" + String.join("\n", wrong));
    }

    @Test
    void aCheckThatNeverClearsTimesOutSayingWhatThePageWasDoing() throws Exception {
        SolveFailed failed = failure(solve(InterstitialShape.STUCK, STUCK_TIMEOUT_SECONDS));
        assertEquals(SolveErrorCode.SOLVE_TIMEOUT, failed.errorCode(), failed.message());
        assertTrue(failed.message().contains("HTTP 503") && failed.message().contains("/lab/interstitial/shapes/ping"),
                failed.message());
    }

    @Test
    void aSiteWithoutAChallengeIsChallengeNotFound() throws Exception {
        SolveFailed failed = failure(solve(InterstitialShape.NONE, CLEARING_TIMEOUT_SECONDS));
        assertEquals(SolveErrorCode.CHALLENGE_NOT_FOUND, failed.errorCode(), failed.message());
    }
}
