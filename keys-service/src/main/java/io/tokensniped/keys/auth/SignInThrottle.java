package io.tokensniped.keys.auth;

import java.util.Locale;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tokensniped.keys.config.KeysConfig;
import io.tokensniped.support.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Failed sign-ins counted per client address and per account in Redis (shared by every instance) over a fixed
 * window; past the limit, sign-in answers 429 until the window ends, whatever the password.
 */
@ApplicationScoped
public class SignInThrottle {

    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keys;
    private final KeysConfig.Throttle limits;

    public SignInThrottle(RedisDataSource redis, KeysConfig config) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.limits = config.sessions().throttle();
    }

    public void check(String clientAddress, String email) {
        blockIfOver(ipKey(clientAddress), limits.perIp());
        blockIfOver(accountKey(email), limits.perAccount());
    }

    public void failed(String clientAddress, String email) {
        count(ipKey(clientAddress));
        count(accountKey(email));
    }

    private void blockIfOver(String key, int limit) {
        Long failures = counters.get(key);
        if (failures != null && failures >= limit) {
            long ttl = keys.ttl(key);
            throw ApiException.rateLimited("too many failed sign-ins; try again later", Math.max(1, ttl));
        }
    }

    private void count(String key) {
        if (counters.incr(key) == 1) {
            keys.expire(key, limits.window());
        }
    }

    private static String ipKey(String clientAddress) {
        return "signin:ip:" + clientAddress;
    }

    private static String accountKey(String email) {
        return "signin:account:" + email.toLowerCase(Locale.ROOT);
    }
}
