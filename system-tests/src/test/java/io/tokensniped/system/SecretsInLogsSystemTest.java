package io.tokensniped.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * After every other system test has run (keys created and used, sessions signed in, passwords sent, payments
 * signed), no service's log holds an API key, a session token, a password or a configured secret.
 */
@Order(100)
class SecretsInLogsSystemTest {

    static final Path LOGS = Path.of("target", "system-run", "logs");
    static final List<Pattern> SECRET_SHAPES = List.of(
            Pattern.compile("sk_(live|test)_[A-Za-z0-9]{20,}"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]+"),
            Pattern.compile("correct horse 1"),
            Pattern.compile("whsec_[A-Za-z0-9]+"));
    /** The secrets the launcher generated for this run, as the services received them. */
    static final List<String> GENERATED = List.of("TOKENSNIPED_INTERNAL_SECRET", "TOKENSNIPED_STRIPE_SECRET_KEY",
            "TOKENSNIPED_STRIPE_WEBHOOK_SECRET", "TOKENSNIPED_CRYPTO_API_KEY", "TOKENSNIPED_CRYPTO_IPN_SECRET");
    static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
    }

    @Test
    void noServiceLogHoldsAKeyATokenAPasswordOrASecret() throws Exception {
        List<Pattern> shapes = new ArrayList<>(SECRET_SHAPES);
        java.util.Map<String, String> billing = system.environmentOf("billing-service");
        for (String variable : GENERATED) {
            assertTrue(billing.containsKey(variable), "billing received " + variable);
            shapes.add(Pattern.compile(Pattern.quote(billing.get(variable))));
        }
        shapes.add(Pattern.compile(Pattern.quote(system.apiKey)));
        List<String> found = new ArrayList<>();
        List<Path> logs;
        try (Stream<Path> files = Files.list(LOGS)) {
            logs = files.filter(f -> f.toString().endsWith(".log")).toList();
        }
        assertFalse(logs.isEmpty(), "the services' logs are in " + LOGS);
        long lines = 0;
        for (Path log : logs) {
            List<String> content = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            lines += content.size();
            for (String line : content) {
                for (Pattern shape : shapes) {
                    Matcher m = shape.matcher(line);
                    if (m.find()) {
                        found.add(log.getFileName() + ": " + line.substring(0, Math.min(200, line.length())));
                    }
                }
            }
        }
        assertTrue(lines > 0, "the logs have content");
        assertTrue(found.isEmpty(), "secrets in the logs:\n" + String.join("\n", found.subList(0, Math.min(20, found.size()))));
    }
}
