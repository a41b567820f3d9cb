package io.tokensniped.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lab's server side: a token comes only from valid work, verifies once, and only for its site key. */
class TurnstileLabTest extends RunningLab {

    static String post(String path, String form) throws Exception {
        return LabClient.post(lab, path, form);
    }

    static String field(String json, String name) {
        return LabClient.field(json, name);
    }

    static String solve(LabMode mode) throws Exception {
        String challenge = field(post("/lab/turnstile/v0/challenge", "sitekey=" + mode.siteKey() + "&hostname=127.0.0.1"),
                "challenge");
        return post("/lab/turnstile/v0/answer",
                "challenge=" + challenge + "&nonce=" + LabClient.work(challenge) + "&action=login");
    }

    @Test
    void tokenFromValidWorkVerifiesExactlyOnce() throws Exception {
        String token = field(solve(LabMode.PASS), "token");
        String verify = "secret=" + ChallengeLab.SECRET + "&response=" + token + "&sitekey=" + LabMode.PASS.siteKey();
        String first = post("/turnstile/v0/siteverify", verify);
        assertTrue(first.contains("\"success\":true"), first);
        assertEquals("127.0.0.1", field(first, "hostname"));
        assertEquals("login", field(first, "action"));
        assertTrue(post("/turnstile/v0/siteverify", verify).contains("timeout-or-duplicate"));
    }

    @Test
    void forgedWrongKeyOrBadWorkGetNothing() throws Exception {
        String token = field(solve(LabMode.PASS), "token");
        assertTrue(post("/turnstile/v0/siteverify", "secret=" + ChallengeLab.SECRET + "&response=" + token + "x")
                .contains("\"success\":false"));
        assertTrue(post("/turnstile/v0/siteverify", "secret=" + ChallengeLab.SECRET + "&response=" + token + "&sitekey="
                + LabMode.SLOW.siteKey()).contains("\"success\":false"));
        assertTrue(post("/turnstile/v0/siteverify", "secret=wrong&response=" + token).contains("invalid-input-secret"));
        String challenge = field(post("/lab/turnstile/v0/challenge", "sitekey=" + LabMode.PASS.siteKey()), "challenge");
        String badNonce = ProofOfWork.valid(challenge, "0", WorkChallenges.WORK_BITS) ? "1" : "0";
        assertTrue(post("/lab/turnstile/v0/answer", "challenge=" + challenge + "&nonce=" + badNonce)
                .contains("invalid-or-expired-challenge"));
    }

    @Test
    void failModeNeverIssuesAToken() throws Exception {
        assertTrue(solve(LabMode.FAIL).contains("challenge-failed"));
    }
}
