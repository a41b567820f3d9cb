package io.tokensniped.gateway.taskprotocol.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.events.solve.CallbackFormat;
import io.tokensniped.events.solve.SolveTarget;
import io.tokensniped.events.solve.SolveType;
import io.tokensniped.gateway.taskprotocol.mapping.TaskTranslation.TranslatedTask;
import io.tokensniped.support.taskprotocol.SolutionShape;

/** Every provider's type names and field spellings from the issue, each as the native solve it means. */
class TaskTranslationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PAGE = "https://shop.example/login";
    static final String GT = "0123456789abcdef0123456789abcdef";

    static TranslatedTask translate(String task) throws Exception {
        return TaskTranslation.translate(JSON.readTree(task));
    }

    static SolveTarget target(String task) throws Exception {
        return translate(task).submission().target();
    }

    @Test
    void turnstileTypeNamesOfEveryProvider() throws Exception {
        for (String type : new String[]{"TurnstileTaskProxyless", "TurnstileTask", "AntiTurnstileTaskProxyLess",
                "turnstiletaskproxyless"}) {
            TranslatedTask t = translate("{\"type\":\"" + type + "\",\"websiteURL\":\"" + PAGE + "\",\"websiteKey\":\"0xK\"}");
            assertEquals(SolveType.TURNSTILE, t.submission().type(), type);
            assertEquals(SolutionShape.TURNSTILE, t.shape());
            assertEquals(PAGE, t.submission().target().pageUrl());
            assertEquals("0xK", t.submission().target().siteKey());
        }
    }

    @Test
    void turnstileActionAndCdataInEachProvidersSpelling() throws Exception {
        String base = "\"type\":\"TurnstileTaskProxyless\",\"websiteURL\":\"" + PAGE + "\",\"websiteKey\":\"0xK\"";
        // Anti-Captcha, CapSolver, CapMonster, 2Captcha
        for (String extras : new String[]{"\"action\":\"a\",\"cData\":\"c\"", "\"metadata\":{\"action\":\"a\",\"cdata\":\"c\"}",
                "\"pageAction\":\"a\",\"data\":\"c\"", "\"action\":\"a\",\"data\":\"c\""}) {
            SolveTarget t = target("{" + base + "," + extras + "}");
            assertEquals("a", t.action(), extras);
            assertEquals("c", t.cdata(), extras);
        }
        // The official Anti-Captcha client sends "" for options left out: not given.
        SolveTarget empty = target("{" + base + ",\"action\":\"\",\"cData\":\"\",\"chlPageData\":\"\"}");
        assertNull(empty.action());
        assertNull(empty.cdata());
    }

    @Test
    void geetestV4CaptchaIdInEachProvidersSpelling() throws Exception {
        for (String task : new String[]{
                "{\"type\":\"GeeTestTaskProxyless\",\"websiteURL\":\"" + PAGE + "\",\"gt\":\"" + GT + "\",\"version\":4}",
                "{\"type\":\"GeeTestTask\",\"websiteURL\":\"" + PAGE + "\",\"gt\":\"" + GT + "\",\"version\":4}",
                "{\"type\":\"GeeTestTaskProxyLess\",\"websiteURL\":\"" + PAGE + "\",\"captchaId\":\"" + GT + "\"}",
                "{\"type\":\"GeeTestTaskProxyless\",\"websiteURL\":\"" + PAGE
                        + "\",\"version\":4,\"initParameters\":{\"captcha_id\":\""
                        + GT + "\"}}"}) {
            TranslatedTask t = translate(task);
            assertEquals(SolveType.GEETEST, t.submission().type(), task);
            assertEquals(GT, t.submission().target().captchaId(), task);
            assertEquals(SolutionShape.GEETEST, t.shape());
        }
        TaskRefused v3 = assertThrows(TaskRefused.class, () -> translate(
                "{\"type\":\"GeeTestTaskProxyless\",\"websiteURL\":\"" + PAGE + "\",\"gt\":\"" + GT + "\",\"version\":3}"));
        assertEquals("ERROR_TASK_NOT_SUPPORTED", v3.protocolCode());
    }

    @Test
    void cloudflareChallengeTasksAreInterstitialSolvesWithTheirOwnShapes() throws Exception {
        TranslatedTask capsolver = translate("{\"type\":\"AntiCloudflareTask\",\"websiteURL\":\"" + PAGE + "\"}");
        assertEquals(SolveType.INTERSTITIAL, capsolver.submission().type());
        assertEquals(SolutionShape.CLOUDFLARE_COOKIES, capsolver.shape());
        TranslatedTask capmonster = translate(
                "{\"type\":\"TurnstileTask\",\"cloudflareTaskType\":\"cf_clearance\",\"websiteURL\":\""
                        + PAGE + "\",\"websiteKey\":\"0xK\",\"userAgent\":\"UA/9\"}");
        assertEquals(SolveType.INTERSTITIAL, capmonster.submission().type());
        assertEquals(SolutionShape.CF_CLEARANCE, capmonster.shape());
        assertEquals("UA/9", capmonster.submission().target().userAgent());
        assertEquals(SolveType.TURNSTILE,
                translate("{\"type\":\"TurnstileTask\",\"cloudflareTaskType\":\"token\",\"websiteURL\":\""
                        + PAGE + "\",\"websiteKey\":\"0xK\",\"pageAction\":\"managed\"}").submission().type());
    }

    @Test
    void proxiesInTheFiveFieldsOrCapSolversOneString() throws Exception {
        assertEquals("http://u:p@198.51.100.7:8080", TaskTranslation.proxy(JSON.readTree("{\"proxyType\":\"http\","
                + "\"proxyAddress\":\"198.51.100.7\",\"proxyPort\":8080,\"proxyLogin\":\"u\",\"proxyPassword\":\"p\"}")));
        assertEquals("socks5://198.51.100.7:1080", TaskTranslation.proxy(JSON.readTree("{\"proxyType\":\"SOCKS5\","
                + "\"proxyAddress\":\"198.51.100.7\",\"proxyPort\":\"1080\"}")));
        assertEquals("http://198.51.100.7:8080", TaskTranslation.proxy(JSON.readTree("{\"proxy\":\"198.51.100.7:8080\"}")));
        assertEquals("socks5://u:p@198.51.100.7:1080",
                TaskTranslation.proxy(JSON.readTree("{\"proxy\":\"socks5:198.51.100.7:1080:u:p\"}")));
        assertEquals("https://u:p@proxy.example:443",
                TaskTranslation.proxy(JSON.readTree("{\"proxy\":\"https://u:p@proxy.example:443\"}")));
        assertNull(TaskTranslation.proxy(JSON.readTree("{}")));
        assertEquals("TOKENSNIPED_PROXY_TYPE_NOT_SUPPORTED", assertThrows(TaskRefused.class, () -> TaskTranslation.proxy(
                JSON.readTree("{\"proxyType\":\"socks4\",\"proxyAddress\":\"198.51.100.7\",\"proxyPort\":1080}")))
                .protocolCode());
    }

    @Test
    void unknownTypesAndMissingTasksHaveTheirCodes() throws Exception {
        assertEquals("ERROR_TASK_NOT_SUPPORTED", assertThrows(TaskRefused.class,
                () -> translate("{\"type\":\"ImageToTextTask\",\"body\":\"AAAA\"}")).protocolCode());
        assertEquals("ERROR_TASK_NOT_SUPPORTED", assertThrows(TaskRefused.class,
                () -> translate("{\"websiteURL\":\"" + PAGE + "\"}")).protocolCode());
        JsonNode none = null;
        assertEquals("ERROR_TASK_ABSENT",
                assertThrows(TaskRefused.class, () -> TaskTranslation.translate(none)).protocolCode());
    }

    @Test
    void aCallbackUrlAsksForTheTaskProtocolsBodyInTheTasksShapeWithTheCreatingAddress() throws Exception {
        TranslatedTask t = TaskTranslation
                .translate(JSON.readTree("{\"type\":\"TurnstileTask\",\"cloudflareTaskType\":\"cf_clearance\","
                        + "\"websiteURL\":\"" + PAGE + "\"}"), "https://hooks.example.com/task", "203.0.113.7");

        assertEquals("https://hooks.example.com/task", t.submission().callbackUrl());
        assertEquals(CallbackFormat.taskProtocol(SolutionShape.CF_CLEARANCE.name(), "203.0.113.7"),
                t.submission().callbackFormat());
    }

    @Test
    void withoutACallbackUrlThereIsNoCallbackFormat() throws Exception {
        TranslatedTask t = TaskTranslation
                .translate(JSON.readTree("{\"type\":\"GeeTestTaskProxyless\",\"gt\":\"c1\",\"version\":4,"
                        + "\"websiteURL\":\"" + PAGE + "\"}"), null, "203.0.113.7");

        assertNull(t.submission().callbackUrl());
        assertNull(t.submission().callbackFormat());
    }
}
