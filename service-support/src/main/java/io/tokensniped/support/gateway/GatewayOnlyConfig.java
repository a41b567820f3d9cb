package io.tokensniped.support.gateway;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which routes of a service only the gateway may call: see {@link GatewayOnlyFilter}. */
@ConfigMapping(prefix = "tokensniped.gateway-only")
public interface GatewayOnlyConfig {

    /** Path prefixes guarded (e.g. /api/, /internal/); none: nothing is (the gateway itself). */
    Optional<List<String>> paths();

    /** Whether a guarded request must also name an account (history: every route is an account's). */
    @WithDefault("false")
    boolean requireAccount();
}
