package io.tokensniped.solver.policy;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The hosts each account has proven it controls. Verification itself belongs to keys-service (a later step feeds
 * its events here); until then no account has a verified host and only operator-allowed hosts can be solved.
 */
@ApplicationScoped
public class VerifiedHosts {

    public boolean verified(UUID accountId, String host) {
        return false;
    }
}
