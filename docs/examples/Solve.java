import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Solve a Cloudflare Turnstile challenge with java.net.http and print the response (run: java Solve.java).
 * TOKENSNIPED_URL: the API's address; TOKENSNIPED_API_KEY: your key (an sk_test_ key costs nothing).
 */
public class Solve {
    public static void main(String[] args) throws Exception {
        String base = System.getenv().getOrDefault("TOKENSNIPED_URL", "https://api.tokensniped.example");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/solve/turnstile"))
                .header("x-api-key", System.getenv("TOKENSNIPED_API_KEY"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(70)) // a little longer than the solve's own timeout
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"siteKey\":\"1x00000000000000000000AA\",\"pageUrl\":\"https://shop.example/checkout\",\"timeout\":60}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.err.println(response.statusCode() + " " + response.body());
            System.exit(1);
        }
        // The body is {"success":true,"id":...,"solution":{"token":...,"userAgent":...},...}; use your JSON library.
        System.out.println(response.body());
    }
}
