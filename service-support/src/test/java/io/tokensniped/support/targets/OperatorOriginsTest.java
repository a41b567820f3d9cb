package io.tokensniped.support.targets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Operator allowances are exact origins: one port of loopback allowed is not every port of it. */
@Tag("fast")
class OperatorOriginsTest {

    final OperatorOrigins lab = OperatorOrigins.of(List.of("http://127.0.0.1:8090", "https://Shop.Example"));

    @Test
    void aPageIsAllowedOnlyOnAnAllowedOriginWithItsSchemeHostAndPort() {
        assertTrue(lab.allowsPage(URI.create("http://127.0.0.1:8090/turnstile/demo")));
        assertTrue(lab.allowsPage(URI.create("https://shop.example/login")));
        assertTrue(lab.allowsPage(URI.create("https://shop.example:443/")));
        assertFalse(lab.allowsPage(URI.create("http://127.0.0.1:5432/")), "another port of the same address");
        assertFalse(lab.allowsPage(URI.create("https://127.0.0.1:8090/")), "another scheme");
        assertFalse(lab.allowsPage(URI.create("http://shop.example/")), "http is port 80, not the allowed https");
        assertFalse(lab.allowsPage(URI.create("http://localhost:8090/")), "another spelling is another origin");
        assertFalse(lab.allowsPage(URI.create("file:///etc/passwd")));
    }

    @Test
    void aConnectionIsAllowedOnlyToAnAllowedOriginsHostAndPort() {
        assertTrue(lab.allowsConnection("127.0.0.1", 8090));
        assertTrue(lab.allowsConnection("SHOP.example", 443));
        assertFalse(lab.allowsConnection("127.0.0.1", 6379));
        assertFalse(lab.allowsConnection("127.0.0.1", 80));
    }

    @Test
    void bareHostsAndUrlsWithPathsAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> OperatorOrigins.of(List.of("127.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> OperatorOrigins.of(List.of("http://127.0.0.1:8090/admin")));
        assertThrows(IllegalArgumentException.class, () -> OperatorOrigins.of(List.of("ftp://127.0.0.1:21")));
        assertTrue(OperatorOrigins.of(List.of()).isEmpty());
    }
}
