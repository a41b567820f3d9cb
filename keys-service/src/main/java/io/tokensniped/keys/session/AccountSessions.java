package io.tokensniped.keys.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sessions each account holds ({@code session:account:<id>}: session ids scored by expiry), so "sign out of all
 * sessions" can revoke every one through {@link RevokedSessions}, the list the gateways already check. Expired members
 * are dropped whenever a session is added; the set itself expires with its newest session.
 */
@ApplicationScoped
public class AccountSessions {

    static final String PREFIX = "session:account:";

    private final SortedSetCommands<String, String> sets;
    private final KeyCommands<String> keys;
    private final RevokedSessions revoked;

    public AccountSessions(RedisDataSource redis, RevokedSessions revoked) {
        this.sets = redis.sortedSet(String.class);
        this.keys = redis.key();
        this.revoked = revoked;
    }

    public void remember(UUID accountId, String sessionId, Instant expiresAt) {
        String key = PREFIX + accountId;
        sets.zadd(key, expiresAt.getEpochSecond(), sessionId);
        sets.zremrangebyscore(key, ScoreRange.from(Double.NEGATIVE_INFINITY, Instant.now().getEpochSecond()));
        keys.expireat(key, expiresAt);
    }

    /** Signs out every session of the account that has not expired; returns how many. */
    public int revokeAll(UUID accountId) {
        String key = PREFIX + accountId;
        List<ScoredValue<String>> live = sets.zrangebyscoreWithScores(key,
                ScoreRange.from(Instant.now().getEpochSecond(), Double.POSITIVE_INFINITY));
        for (ScoredValue<String> session : live) {
            revoked.revoke(session.value(), Instant.ofEpochSecond((long) session.score()));
        }
        keys.del(key);
        return live.size();
    }
}
