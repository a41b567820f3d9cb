package io.tokensniped.support.taskprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.events.solve.SolveType;
import io.tokensniped.support.taskprotocol.TaskAnswers.ErrorAnswer;
import io.tokensniped.support.taskprotocol.TaskAnswers.TaskResultAnswer;

/** The getTaskResult body of an ended task, as the gateway answers it and webhooks-service posts it. */
@Tag("fast")
class EndedTaskTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final UUID SOLVE = UUID.fromString("01938a4e-0000-7000-8000-000000000001");

    @Test
    void aSolvedTaskIsReadyWithTheSolutionInItsShapeAndTheProtocolsExtras() throws Exception {
        JsonNode ours = JSON.readTree("""
                {"captchaId":"c1","lotNumber":"lot","captchaOutput":"out","passToken":"pass","genTime":"1700000000"}""");
        TaskResultAnswer answer = new EndedTask.Solved(SOLVE, SolutionShape.GEETEST, ours, 2, "203.0.113.7",
                Instant.parse("2026-11-28T14:15:22.999Z"), Instant.parse("2026-11-28T14:15:24.001Z")).answer();

        JsonNode body = JSON.readTree(JSON.writeValueAsString(answer)); // as sent: numbers as JSON reads them
        assertEquals(
                JSON.readTree(
                        """
                                {"errorId":0,"status":"ready",
                                 "solution":{"captcha_id":"c1","lot_number":"lot","pass_token":"pass","gen_time":"1700000000","captcha_output":"out"},
                                 "cost":"2","ip":"203.0.113.7","createTime":1795875322,"endTime":1795875324,"solveCount":1,
                                 "solveId":"01938a4e-0000-7000-8000-000000000001"}"""),
                body);
    }

    @Test
    void aTaskAskedForByItsSolveIdHasNoIp() {
        TaskResultAnswer answer = new EndedTask.Solved(SOLVE, SolutionShape.TURNSTILE,
                JSON.createObjectNode().put("token", "t"),
                0, null, Instant.EPOCH, Instant.EPOCH).answer();

        assertNull(answer.ip());
        assertEquals(false, JSON.valueToTree(answer).has("ip"));
    }

    @Test
    void aFailedTaskIsTheProtocolsErrorForOurCode() {
        assertEquals(new ErrorAnswer(1, "ERROR_CAPTCHA_UNSOLVABLE", "the widget asked for a human"),
                new EndedTask.Failed("INTERACTIVE_CHALLENGE", "the widget asked for a human").answer());
        assertEquals(new ErrorAnswer(1, "TOKENSNIPED_TARGET_UNREACHABLE", "no answer"),
                new EndedTask.Failed("TARGET_UNREACHABLE", "no answer").answer());
    }

    @Test
    void aFailureWithoutCodeOrMessageIsAnInternalErrorThatSaysTheSolveFailed() {
        assertEquals(new ErrorAnswer(1, "TOKENSNIPED_INTERNAL_ERROR", "the solve failed"),
                new EndedTask.Failed(null, null).answer());
    }

    @Test
    void aShapeIsFoundByItsNameElseByTheSolvesType() {
        assertEquals(SolutionShape.CF_CLEARANCE, SolutionShape.named("CF_CLEARANCE", SolveType.INTERSTITIAL));
        assertEquals(SolutionShape.CLOUDFLARE_COOKIES, SolutionShape.named(null, SolveType.INTERSTITIAL));
        assertEquals(SolutionShape.GEETEST, SolutionShape.named("NO_SUCH_SHAPE", SolveType.GEETEST));
    }
}
