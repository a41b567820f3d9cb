package io.tokensniped.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
import io.tokensniped.lab.ChallengeLab;
import io.tokensniped.lab.LabMode;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;

/** The Geetest engine against every mode of the lab's Geetest-v4-like widget, in Debian Chromium. */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class GeetestSolveTest extends LabSolveTest {

    SolveRequested labJob(LabMode mode, String captchaId, int timeoutSeconds) {
        return job(SolveType.GEETEST, SolveTarget.geetest(lab.baseUrl() + "/geetest/page?captcha_id=" + mode.captchaId(),
                captchaId), in(timeoutSeconds));
    }

    SolveRequested labJob(LabMode mode, int timeoutSeconds) {
        return labJob(mode, mode.captchaId(), timeoutSeconds);
    }

    /** What the site owner does with the values: Geetest's validate call with sign_token. */
    static String validate(Solution.Geetest values) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ChallengeLab.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sign = HexFormat.of().formatHex(mac.doFinal(values.lotNumber().getBytes(StandardCharsets.UTF_8)));
        String form = "lot_number=" + values.lotNumber() + "&captcha_output=" + values.captchaOutput() + "&pass_token="
                + values.passToken() + "&gen_time=" + values.genTime() + "&sign_token=" + sign;
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lab.baseUrl()
                + "/geetest/v4/validate?captcha_id=" + values.captchaId()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void passingWidgetYieldsTheFiveValuesTheSiteValidates() throws Exception {
        List<SolveEvent> events = run(labJob(LabMode.PASS, 30));
        assertTrue(events.get(0) instanceof SolveStarted, events.toString());
        Solution.Geetest values = solution(events, Solution.Geetest.class);
        assertEquals(LabMode.PASS.captchaId(), values.captchaId());
        assertTrue(values.genTime().matches("\\d{10}"), values.genTime());
        String verdict = validate(values);
        assertTrue(verdict.contains("\"result\":\"success\""), verdict);
        assertTrue(validate(values).contains("\"result\":\"fail\""), "the values are good once");
    }

    @Test
    void slowWidgetIsWaitedFor() throws Exception {
        assertTrue(validate(solution(run(labJob(LabMode.SLOW, 30)), Solution.Geetest.class)).contains("success"));
    }

    @Test
    void puzzleIsInteractiveChallengeAndNothingIsDragged() throws Exception {
        long issued = lab.tokensIssued();
        SolveFailed failed = failure(run(labJob(LabMode.INTERACTIVE, 30)));
        assertEquals(SolveErrorCode.INTERACTIVE_CHALLENGE, failed.errorCode());
        assertTrue(failed.message().contains("puzzle"), failed.message());
        assertEquals(issued, lab.tokensIssued());
    }

    @Test
    void widgetThatFailsIsReported() throws Exception {
        SolveFailed failed = failure(run(labJob(LabMode.FAIL, 60)));
        assertEquals(SolveErrorCode.INTERACTIVE_CHALLENGE, failed.errorCode());
        assertTrue(failed.message().contains("refused"), failed.message());
    }

    @Test
    void widgetThatNeverCompletesTimesOut() throws Exception {
        assertEquals(SolveErrorCode.SOLVE_TIMEOUT, failure(run(labJob(LabMode.NEVER, 6))).errorCode());
    }

    @Test
    void brokenPageAndOtherCaptchaAreChallengeNotFound() throws Exception {
        assertEquals(SolveErrorCode.CHALLENGE_NOT_FOUND, failure(run(labJob(LabMode.BROKEN, 30))).errorCode());
        SolveFailed other = failure(run(labJob(LabMode.PASS, "0123456789abcdef0123456789abcdef", 30)));
        assertEquals(SolveErrorCode.CHALLENGE_NOT_FOUND, other.errorCode());
        assertTrue(other.message().contains("for captchaId " + LabMode.PASS.captchaId() + ", not 0123456789abcdef"),
                other.message());
    }

    @Test
    void widgetInitialisedLateIsWaitedFor() throws Exception {
        SolveRequested late = job(SolveType.GEETEST, SolveTarget.geetest(lab.baseUrl() + "/geetest/page?late&captcha_id="
                + LabMode.PASS.captchaId(), LabMode.PASS.captchaId()), in(30));
        assertTrue(validate(solution(run(late), Solution.Geetest.class)).contains("success"));
    }
}
