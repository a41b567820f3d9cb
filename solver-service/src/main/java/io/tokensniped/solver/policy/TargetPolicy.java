package io.tokensniped.solver.policy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.tokensniped.solver.config.SolverConfig;
import io.tokensniped.solver.engine.SolveFailure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which pages a solve may open: http(s) only; a host the operator allows, or one the account has verified that
 * resolves to public addresses only. Loopback, private, link-local, metadata and unresolvable targets are refused
 * unless the operator names the host.
 */
@ApplicationScoped
public class TargetPolicy {

    private final Set<String> operatorAllowed;
    private final VerifiedHosts verifiedHosts;

    public TargetPolicy(SolverConfig config, VerifiedHosts verifiedHosts) {
        this.operatorAllowed = config.operatorAllowedHosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
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
        if (operatorAllowed.contains(host)) {
            return;
        }
        if (!verifiedHosts.verified(accountId, host)) {
            throw refused("host " + host + " is not verified for this account nor allowed by the operator");
        }
        if (!publicOnly(host)) {
            throw refused("host " + host + " resolves to a private, loopback or metadata address");
        }
    }

    public boolean operatorAllows(String host) {
        return operatorAllowed.contains(host.toLowerCase(Locale.ROOT));
    }

    /** True when every address of the host is publicly routable; an unresolvable host is not. */
    public static boolean publicOnly(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!PublicAddress.is(address)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static SolveFailure refused(String message) {
        return new SolveFailure(SolveFailure.TARGET_NOT_ALLOWED, message);
    }
}
