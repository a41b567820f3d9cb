package io.tokensniped.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
import io.tokensniped.lab.LabMode;
import io.tokensniped.lab.LabVerifiers;
import io.tokensniped.lab.TurnstileShape;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;

/**
 * The Turnstile engine against every widget shape of the lab's catalogue and every page that misbehaves around a
 * widget: each token is accepted once by siteverify (with the action and cData the page gave its widget) and refused
 * when replayed; a page that keeps its main thread busy times out saying so.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class TurnstileShapesSolveTest extends LabSolveTest {

    static final String ACTION = "login";
    static final String CDATA = "order-42";
    static final int TIMEOUT_SECONDS = 30;
    static final int BUSY_TIMEOUT_SECONDS = 8;

    List<SolveEvent> solve(TurnstileShape shape, int timeoutSeconds) throws Exception {
        String siteKey = LabMode.SLOW.siteKey();
        return run(job(SolveType.TURNSTILE, SolveTarget.turnstile(lab.baseUrl() + shape.path(siteKey, ACTION, CDATA), siteKey,
                ACTION, CDATA), in(timeoutSeconds)));
    }

    /** Shapes solved at once: as many as the test solver has contexts (%test.tokensniped.solver.contexts). */
    @ConfigProperty(name = "tokensniped.solver.contexts")
    int contexts;

    @Test
    void everyShapeYieldsATokenSiteverifyAcceptsOnceWithThePagesActionAndCdata() throws Exception {
        List<TurnstileShape> shapes = Arrays.stream(TurnstileShape.values()).filter(s -> s.expectedError().isEmpty()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(contexts);
        try {
            List<Future<String>> verdicts = new ArrayList<>();
            for (TurnstileShape shape : shapes) {
                verdicts.add(pool.submit(() -> wrongAbout(shape)));
            }
            List<String> wrong = new ArrayList<>();
            for (Future<String> verdict : verdicts) {
                if (verdict.get() != null) {
                    wrong.add(verdict.get());
                }
            }
            assertTrue(wrong.isEmpty(), "shapes not solved as they should be:\n" + String.join("\n", wrong));
        } finally {
            pool.shutdownNow();
        }
    }

    /** What is wrong with the shape's solve, or null when its token is accepted once with the page's action and cData. */
    String wrongAbout(TurnstileShape shape) throws Exception {
        List<SolveEvent> events = solve(shape, TIMEOUT_SECONDS);
        SolveEvent last = events.get(events.size() - 1);
        if (!(last instanceof SolveSucceeded done)) {
            return shape + ": " + last;
        }
        String token = ((Solution.Turnstile) done.solution()).token();
        String verdict = LabVerifiers.turnstile(lab.baseUrl(), token, LabMode.SLOW.siteKey());
        String replay = LabVerifiers.turnstile(lab.baseUrl(), token, LabMode.SLOW.siteKey());
        if (!LabVerifiers.accepted(verdict) || !verdict.contains("\"action\":\"" + ACTION + "\"")
                || !verdict.contains("\"cdata\":\"" + CDATA + "\"") || LabVerifiers.accepted(replay)) {
            return shape + ": verdict " + verdict + ", replay " + replay;
        }
        return null;
    }

    @Test
    void aPageThatKeepsItsScriptBusyTimesOutSayingSo() throws Exception {
        SolveFailed failed = failure(solve(TurnstileShape.BUSY_LOOP, BUSY_TIMEOUT_SECONDS));
        assertEquals(SolveErrorCode.SOLVE_TIMEOUT, failed.errorCode(), failed.message());
    }
}
