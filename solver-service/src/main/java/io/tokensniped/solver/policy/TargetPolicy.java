package io.tokensniped.solver.policy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.tokensniped.events.solve.SolveErrorCode;
import io.tokensniped.solver.config.SolverConfig;
import io.tokensniped.solver.engine.SolveFailure;
import io.tokensniped.support.targets.OperatorOrigins;
import io.tokensniped.support.targets.PublicAddress;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which pages a solve may open: http(s) only; an origin the operator allows, or a host the account has verified that
 * resolves to public addresses only. Loopback, private, link-local, metadata and unresolvable targets are refused
 * unless the operator names their exact origin (scheme, host and port).
 */
@ApplicationScoped
public class TargetPolicy {

    private final OperatorOrigins operatorAllowed;
    private final VerifiedHosts verifiedHosts;

    public TargetPolicy(SolverConfig config, VerifiedHosts verifiedHosts) {
        this.operatorAllowed = OperatorOrigins.of(config.operatorAllowedOrigins().orElse(Set.of()));
        this.verifiedHosts = verifiedHosts;
    }

    public void check(String url, UUID accountId) throws SolveFailure {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw refused("the URL is malformed");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("only http and https URLs can be solved");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (operatorAllowed.allowsPage(uri)) {
            return;
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        if (!verifiedHosts.verified(accountId, defaultPort ? host : host + ":" + port)) {
            throw refused("host " + host + " is not verified for this account nor allowed by the operator");
        }
        if (!PublicAddress.resolvesPublicOnly(host)) {
            throw refused("host " + host + " resolves to a private, loopback or metadata address");
        }
    }

    /**
     * Where the browser may connect for {@code host:port}, for every request it makes (navigations, redirects,
     * subresources): an operator-allowed origin's host and port to whatever the host resolves to, anything else only
     * to a public address. Empty means blocked, with the reason. The caller connects to the returned address itself,
     * so a name cannot resolve differently between this check and the connection.
     */
    public EgressDecision egress(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            return EgressDecision.blocked(name, "the host does not resolve");
        }
        if (operatorAllowed.allowsConnection(name, port)) {
            return EgressDecision.allowed(name, addresses[0]);
        }
        for (InetAddress address : addresses) {
            if (!PublicAddress.is(address)) {
                return EgressDecision.blocked(name,
                        "the host resolves to a non-public address (" + address.getHostAddress() + ")");
            }
        }
        return EgressDecision.allowed(name, addresses[0]);
    }

    /** A customer's proxy is a place the browser connects to as well: it must be public unless the operator allows it. */
    public void checkProxy(String proxyHost, int proxyPort) throws SolveFailure {
        EgressDecision decision = egress(proxyHost, proxyPort);
        if (!decision.allowed()) {
            throw new SolveFailure(SolveErrorCode.TARGET_NOT_ALLOWED, "proxy host " + proxyHost + ": " + decision.reason());
        }
    }

    private static SolveFailure refused(String message) {
        return new SolveFailure(SolveErrorCode.TARGET_NOT_ALLOWED, message);
    }
}
