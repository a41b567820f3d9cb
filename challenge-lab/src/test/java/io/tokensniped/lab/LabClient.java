package io.tokensniped.lab;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain-HTTP access to a running lab for its own tests: form posts, JSON fields, and the proof of work. */
final class LabClient {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private LabClient() {
    }

    static String post(ChallengeLab lab, String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(lab.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** The nonce a widget's script would find for this challenge. */
    static int work(String challenge) {
        int nonce = 0;
        while (!ProofOfWork.valid(challenge, String.valueOf(nonce), WorkChallenges.WORK_BITS)) {
            nonce++;
        }
        return nonce;
    }
}
