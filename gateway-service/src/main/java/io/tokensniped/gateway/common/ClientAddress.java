package io.tokensniped.gateway.common;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.tokensniped.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Which address a request really comes from. The TCP peer, unless the peer is a configured trusted proxy (an
 * ingress, a load balancer): then the forwarding chain ({@code Forwarded: for=...}, else {@code X-Forwarded-For}) is
 * read from the right, skipping trusted proxies, and the first address no trusted proxy vouches for is the client.
 * Reading from the right matters: the left end of the chain is whatever the client sent, a trusted proxy only appends.
 * (Quarkus' own proxy support takes the leftmost entry, which a client behind an appending proxy controls.) With no
 * trusted proxies (the default), forwarding headers are ignored.
 */
@ApplicationScoped
public class ClientAddress {

    private static final String UNKNOWN = "unknown";

    private final List<IpSubnetFilterRule> trusted;

    @Inject
    public ClientAddress(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    public ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).map(ClientAddress::rule).toList();
    }

    public String of(HttpServerRequest request) {
        return of(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.getHeader("Forwarded"), request.getHeader("X-Forwarded-For"));
    }

    /** {@code peer}: the TCP peer's address; the headers as received (null when absent). */
    public String of(String peer, String forwarded, String xForwardedFor) {
        if (peer == null) {
            return UNKNOWN;
        }
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        List<String> chain = forwarded != null
                ? forwardedFor(forwarded)
                : xForwardedFor != null ? list(xForwardedFor) : List.of();
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = chain.get(i);
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        // Every hop is a trusted proxy (or there is no chain): the leftmost one is as far as we can see.
        return chain.isEmpty() ? peer : chain.get(0);
    }

    private boolean isTrusted(String address) {
        InetAddress parsed = literal(address);
        if (parsed == null) {
            return false;
        }
        InetSocketAddress socket = new InetSocketAddress(parsed, 0);
        return trusted.stream().anyMatch(rule -> rule.matches(socket));
    }

    /** An IP literal, never a name: resolving a header's value would let a client make us look up any host. */
    private static InetAddress literal(String address) {
        return NetUtil.createInetAddressFromIpAddressString(address);
    }

    /** RFC 7239: {@code for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"} → the addresses, in order. */
    static List<String> forwardedFor(String header) {
        List<String> out = new ArrayList<>();
        for (String element : header.split(",")) {
            for (String pair : element.split(";")) {
                String trimmed = pair.trim();
                if (trimmed.toLowerCase(Locale.ROOT).startsWith("for=")) {
                    out.add(node(trimmed.substring("for=".length())));
                }
            }
        }
        return out;
    }

    private static List<String> list(String header) {
        List<String> out = new ArrayList<>();
        for (String hop : header.split(",")) {
            if (!hop.isBlank()) {
                out.add(node(hop));
            }
        }
        return out;
    }

    /** One node: quotes, brackets and a port removed ({@code "[2001:db8::1]:4711"} → {@code 2001:db8::1}). */
    private static String node(String raw) {
        String value = raw.trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close > 0 ? value.substring(1, close) : value;
        }
        int colon = value.indexOf(':');
        // One colon is host:port (IPv4); more are an unbracketed IPv6 address.
        if (colon > 0 && value.indexOf(':', colon + 1) < 0) {
            return value.substring(0, colon);
        }
        return value;
    }

    private static IpSubnetFilterRule rule(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        InetAddress parsed = literal(address);
        if (parsed == null) {
            throw new IllegalArgumentException("trusted proxy " + cidr + " is not an IP address or CIDR range");
        }
        int bits = parsed.getAddress().length * Byte.SIZE;
        int prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
        return new IpSubnetFilterRule(parsed, prefix, IpFilterRuleType.ACCEPT);
    }
}
