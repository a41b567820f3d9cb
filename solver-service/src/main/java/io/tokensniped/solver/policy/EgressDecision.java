package io.tokensniped.solver.policy;

import java.net.InetAddress;

/** Whether the browser may connect to a host, and if so to which resolved address. */
public record EgressDecision(String host, InetAddress address, String reason) {

    static EgressDecision allowed(String host, InetAddress address) {
        return new EgressDecision(host, address, null);
    }

    static EgressDecision blocked(String host, String reason) {
        return new EgressDecision(host, null, reason);
    }

    public boolean allowed() {
        return address != null;
    }
}
