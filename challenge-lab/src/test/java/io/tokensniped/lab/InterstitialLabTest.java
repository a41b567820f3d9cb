package io.tokensniped.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The interstitial fixture's server side: clearance only from valid work, bound to host and user agent. */
class InterstitialLabTest extends RunningLab {

    static final String UA = "LabTest/1.0";

    static HttpResponse<String> get(String path, String userAgent, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lab.baseUrl() + path)).header("User-Agent", userAgent);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return LabClient.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Does what the challenge page's script does; returns the answer's response. */
    static HttpResponse<String> pass(LabMode mode) throws Exception {
        HttpResponse<String> page = get(mode.interstitialPath() + "members", UA, null);
        assertEquals(503, page.statusCode());
        assertEquals("challenge", page.headers().firstValue("cf-mitigated").orElse(""));
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(page.body());
        Matcher challenge = Pattern.compile("\"challenge\":\"([0-9a-f]+)\"").matcher(page.body());
        assertTrue(action.find() && challenge.find(), page.body());
        return LabClient.HTTP.send(HttpRequest.newBuilder(URI.create(lab.baseUrl() + action.group(1).replace("&amp;", "&")))
                .header("User-Agent", UA).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("nonce=" + LabClient.work(challenge.group(1)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void validWorkGivesAClearanceThatOpensThePageForTheSameUserAgentOnly() throws Exception {
        HttpResponse<String> answer = pass(LabMode.PASS);
        assertEquals(302, answer.statusCode());
        String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertTrue(cookie.startsWith(InterstitialLab.COOKIE + "="), cookie);
        HttpResponse<String> page = get(LabMode.PASS.interstitialPath() + "members", UA, cookie);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Protected content"));
        assertTrue(get("/lab/interstitial/verify", UA, cookie).body().contains("\"success\":true"));
        assertEquals(503, get(LabMode.PASS.interstitialPath() + "members", "OtherAgent/2.0", cookie).statusCode());
        assertTrue(get("/lab/interstitial/verify", UA, cookie + "x").body().contains("\"success\":false"));
    }

    @Test
    void failModeAndBadWorkAreBlocked() throws Exception {
        HttpResponse<String> answer = pass(LabMode.FAIL);
        assertEquals(403, answer.statusCode());
        assertTrue(answer.headers().firstValue("Set-Cookie").isEmpty());
    }
}
