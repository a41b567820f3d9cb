package io.tokensniped.solver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tokensniped.solver.engine.DocumentTrail.Look;
import io.tokensniped.solver.engine.DocumentTrail.Verdict;

/** The interstitial rule on its own, in milliseconds: which trails of documents are a challenge that cleared. */
@Tag("fast")
class DocumentTrailTest {

    static final String PAGE = "https://shop.example/members?x=1";
    static final String CLEARED_PAGE = "https://shop.example/members";

    static Look plain(String url, int status) {
        return new Look(url, status, true, false, false, false, "Members");
    }

    static Look running(String url, int status) {
        return new Look(url, status, true, false, true, false, "Lab site");
    }

    static Look marked(String url, int status) {
        return new Look(url, status, true, true, true, false, "Just a moment...");
    }

    @Test
    void anErrorDocumentThatGaveWayBeforeAnyoneLookedIsAChallengeThatCleared() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 403, false);
        trail.document(1, PAGE, 200, false);
        trail.look(plain(PAGE, 200), 2);
        Verdict verdict = trail.verdict(false);
        assertEquals(200, assertInstanceOf(Verdict.Cleared.class, verdict).document().status());
    }

    @Test
    void aMarked200ThatGivesWayClears() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 200, false);
        trail.look(marked(PAGE, 200), 1);
        assertInstanceOf(Verdict.Waiting.class, trail.verdict(true), "a marked page is waited on past the appear time");
        trail.document(1, CLEARED_PAGE, 200, false);
        trail.look(plain(CLEARED_PAGE, 200), 2);
        assertInstanceOf(Verdict.Cleared.class, trail.verdict(true));
    }

    @Test
    void anIntermediatePathIsPassedThroughUntilThePageComesBack() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 503, true);
        trail.document(1, "https://shop.example/__hop?tk=1", 200, false);
        trail.look(running("https://shop.example/__hop?tk=1", 200), 2);
        assertInstanceOf(Verdict.Waiting.class, trail.verdict(true));
        trail.document(2, PAGE, 200, false);
        trail.look(plain(PAGE, 200), 3);
        assertInstanceOf(Verdict.Cleared.class, trail.verdict(true));
    }

    @Test
    void aSecondRoundIsWaitedOn() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 503, false);
        trail.look(running(PAGE, 503), 1);
        trail.document(1, PAGE, 503, false);
        trail.look(running(PAGE, 503), 2);
        assertInstanceOf(Verdict.Waiting.class, trail.verdict(true));
        trail.document(2, PAGE, 200, false);
        trail.look(plain(PAGE, 200), 3);
        assertInstanceOf(Verdict.Cleared.class, trail.verdict(true));
    }

    @Test
    void aLookTakenWhileTheNextDocumentArrivedIsNotItsSuccessors() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 503, false);
        trail.document(1, PAGE, 200, false);
        trail.look(plain(PAGE, 200), 1);
        trail.look(running(PAGE, 503), 2);
        assertInstanceOf(Verdict.Waiting.class, trail.verdict(false), "neither look belongs to the 200 document");
    }

    @Test
    void aChallengeEndingOnAStaticErrorPageRefusedTheBrowser() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 503, true);
        trail.document(1, PAGE, 403, false);
        trail.look(new Look(PAGE, 403, true, false, false, false, "Access denied"), 2);
        assertEquals(403, assertInstanceOf(Verdict.Refused.class, trail.verdict(false)).document().status());
    }

    @Test
    void aCheckboxOnAChallengeNeedsAPerson() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 403, false);
        trail.look(new Look(PAGE, 403, true, false, true, true, "Verify"), 1);
        assertInstanceOf(Verdict.NeedsPerson.class, trail.verdict(false));
    }

    @Test
    void aPageThatIsNoChallengeIsSaidSoOnlyAfterTheAppearTime() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 200, false);
        trail.look(running(PAGE, 200), 1);
        assertInstanceOf(Verdict.Waiting.class, trail.verdict(false));
        Verdict none = trail.verdict(true);
        assertTrue(assertInstanceOf(Verdict.NoChallenge.class, none).why().contains("HTTP 200"), none.toString());
        DocumentTrail notFound = new DocumentTrail(PAGE);
        notFound.document(1, PAGE, 404, false);
        notFound.look(plain(PAGE, 404), 1);
        assertInstanceOf(Verdict.NoChallenge.class, notFound.verdict(true));
    }

    @Test
    void aRunningErrorPageIsAChallengeUntilTheDeadline() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 429, false);
        trail.look(running(PAGE, 429), 1);
        assertInstanceOf(Verdict.Waiting.class, trail.verdict(true));
        assertTrue(trail.describe().contains("HTTP 429"), trail.describe());
    }

    @Test
    void aChallengeGivingWayToAnotherPathIsNotCleared() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 503, true);
        trail.document(1, "https://shop.example/login", 200, false);
        trail.look(plain("https://shop.example/login", 200), 2);
        assertInstanceOf(Verdict.Waiting.class, trail.verdict(true));
    }

    /**
     * Issue 20's timeout: a 429 challenge cleared within a second, and the browser's tooling announced its response
     * after the page's 200. In arrival order the 429 looked like the page on screen, which never showed it.
     */
    @Test
    void aChallengeWhoseResponseIsAnnouncedAfterItsSuccessorsStillClears() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(3, PAGE, 200, false);
        trail.document(0, PAGE, 429, false);
        trail.look(plain(PAGE, 200), 2);
        assertEquals(200, assertInstanceOf(Verdict.Cleared.class, trail.verdict(true), trail.describe()).document().status());
    }

    @Test
    void anIntermediatePathAnnouncedLastStillComesBeforeThePageItLedBackTo() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 503, true);
        trail.document(2, PAGE, 200, false);
        trail.document(1, "https://shop.example/__hop?tk=1", 200, false);
        trail.look(plain(PAGE, 200), 3);
        assertInstanceOf(Verdict.Cleared.class, trail.verdict(true), trail.describe());
    }

    @Test
    void aDocumentAnnouncedTwiceCountsOnce() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 429, false);
        trail.document(0, PAGE, 429, false);
        assertEquals(1, trail.size());
    }

    @Test
    void aTrailWhoseLastDocumentWasNeverOnScreenSaysWhatThePageShowed() {
        DocumentTrail trail = new DocumentTrail(PAGE);
        trail.document(0, PAGE, 503, false);
        trail.look(running(PAGE, 503), 1);
        trail.document(1, "https://shop.example/report.pdf", 200, false);
        trail.look(running(PAGE, 503), 2);
        assertInstanceOf(Verdict.Waiting.class, trail.verdict(true));
        assertTrue(trail.describe().endsWith("answered HTTP 200, but the page showed " + PAGE
                + " (HTTP 503) \"Lab site\", running a script or refresh"), trail.describe());
    }
}
