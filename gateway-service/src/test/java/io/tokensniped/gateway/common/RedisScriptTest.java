package io.tokensniped.gateway.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import jakarta.inject.Inject;

/**
 * Scripts travel by SHA-1 (EVALSHA); a Redis that has forgotten them (restart, failover, SCRIPT FLUSH) gets the body
 * once (EVAL) and knows it again. Cheap ids keep the UUID layout they promise.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class RedisScriptTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    RedisPipeline redis;

    @Test
    void aScriptRunsByItsShaAndIsLoadedAgainWhenRedisForgetsIt() {
        RedisScript count = RedisScript.load("/scripts/count.lua");
        String key = "test:script:" + UUID.randomUUID();
        assertEquals(1, count.run(redis, List.of(key), "1").await().atMost(WAIT).toLong());
        redis.execute("SCRIPT", "FLUSH").await().atMost(WAIT);
        assertEquals(3, count.run(redis, List.of(key), "2").await().atMost(WAIT).toLong());
        assertEquals(4, count.run(redis, List.of(key), "1").await().atMost(WAIT).toLong());
    }

    @Test
    void idsAreVersionedUniqueAndSolveIdsAreTimeOrdered() {
        Set<UUID> seen = new HashSet<>();
        UUID previous = Ids.timeOrdered();
        for (int i = 0; i < 10_000; i++) {
            UUID solve = Ids.timeOrdered();
            UUID event = Ids.random();
            assertEquals(7, solve.version());
            assertEquals(4, event.version());
            assertEquals(2, solve.variant());
            assertEquals(2, event.variant());
            assertTrue(seen.add(solve) && seen.add(event), "duplicate id");
            // The first 48 bits are milliseconds: never earlier than the id drawn before.
            assertTrue((solve.getMostSignificantBits() >>> 16) >= (previous.getMostSignificantBits() >>> 16));
            previous = solve;
        }
        assertNotEquals(Ids.random(), Ids.random());
    }
}
