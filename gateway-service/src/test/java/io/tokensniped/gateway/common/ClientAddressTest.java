package io.tokensniped.gateway.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which address a request comes from, behind trusted proxies or not: plain logic, no Quarkus. */
@Tag("fast")
class ClientAddressTest {

    static final ClientAddress BEHIND_INGRESS = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.7"));

    @Test
    void withoutTrustedProxiesForwardingHeadersAreIgnored() {
        ClientAddress direct = new ClientAddress(List.of());
        assertEquals("203.0.113.5", direct.of("203.0.113.5", "for=198.51.100.1", "198.51.100.1"));
        assertEquals("unknown", direct.of(null, null, null));
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        assertEquals("203.0.113.5", BEHIND_INGRESS.of("203.0.113.5", null, "198.51.100.1"));
        assertEquals("203.0.113.5", BEHIND_INGRESS.of("203.0.113.5", "for=198.51.100.1", null));
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightmostUntrustedHop() {
        assertEquals("198.51.100.1", BEHIND_INGRESS.of("10.1.2.3", null, "198.51.100.1"));
        // The client prepended a forged hop; the ingress appended the real peer it saw.
        assertEquals("198.51.100.1", BEHIND_INGRESS.of("10.1.2.3", null, "6.6.6.6, 198.51.100.1"));
        // Two trusted proxies in a row (a load balancer, then the ingress).
        assertEquals("198.51.100.1", BEHIND_INGRESS.of("10.1.2.3", null, "198.51.100.1, 192.0.2.7"));
        assertEquals("198.51.100.1", BEHIND_INGRESS.of("10.1.2.3", null, "198.51.100.1:5555,10.9.9.9"));
    }

    @Test
    void theStandardForwardedHeaderWinsAndItsQuotedIpv6NodesAreRead() {
        assertEquals("2001:db8:cafe::17", BEHIND_INGRESS.of("10.1.2.3",
                "for=192.0.2.60;proto=http, for=\"[2001:db8:cafe::17]:4711\"", "198.51.100.1"));
        assertEquals("192.0.2.60", BEHIND_INGRESS.of("10.1.2.3", "for=192.0.2.60;proto=http;by=203.0.113.43", null));
    }

    @Test
    void namesAreNeverResolvedAndCountAsUntrusted() {
        assertEquals("ingress.internal", BEHIND_INGRESS.of("10.1.2.3", null, "ingress.internal"));
        assertEquals("unknown", BEHIND_INGRESS.of("10.1.2.3", "for=unknown", null));
    }

    @Test
    void aTrustedProxyWithoutAChainIsItsOwnClient() {
        assertEquals("10.1.2.3", BEHIND_INGRESS.of("10.1.2.3", null, null));
    }

    @Test
    void aBadRangeIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of("ingress.example/8")));
    }
}
