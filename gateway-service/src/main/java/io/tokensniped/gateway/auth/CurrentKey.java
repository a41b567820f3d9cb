package io.tokensniped.gateway.auth;

import jakarta.enterprise.context.RequestScoped;

/** The key that authenticated the current request, set by {@link ApiKeyFilter} before any resource runs. */
@RequestScoped
public class CurrentKey {

    private KnownKey key;

    void set(KnownKey key) {
        this.key = key;
    }

    public KnownKey get() {
        if (key == null) {
            throw new IllegalStateException("route is not behind ApiKeyFilter");
        }
        return key;
    }
}
