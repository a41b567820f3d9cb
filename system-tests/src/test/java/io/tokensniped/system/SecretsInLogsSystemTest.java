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
            Pattern.compile("whsec_[A-Za-z0-9]+"),
            Pattern.compile(Pattern.quote(PaymentStandIns.CRYPTO_KEY)),
            Pattern.compile("np-ipn-secret-[0-9a-f-]{36}"));
    static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
    }

    /** The internal secret the launcher gave the services, read from the gateway's environment. */
    static String internalSecret() throws Exception {
        ProcessHandle gateway = system.launcher.toHandle().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("gateway-service/target/quarkus-app")).findFirst()
                .orElseThrow();
        for (String variable : Files.readString(Path.of("/proc/" + gateway.pid() + "/environ"), StandardCharsets.UTF_8).split("\0")) {
            if (variable.startsWith("TOKENSNIPED_INTERNAL_SECRET=")) {
                return variable.substring(variable.indexOf('=') + 1);
            }
        }
        throw new AssertionError("the gateway has no internal secret");
    }

    @Test
    void noServiceLogHoldsAKeyATokenAPasswordOrASecret() throws Exception {
        List<Pattern> shapes = new ArrayList<>(SECRET_SHAPES);
        shapes.add(Pattern.compile(Pattern.quote(internalSecret())));
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
