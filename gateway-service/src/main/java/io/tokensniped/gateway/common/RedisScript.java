package io.tokensniped.gateway.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Redis Lua script shipped as a resource: each check-and-change runs atomically in one round trip. Requests send
 * only the script's SHA-1 ({@code EVALSHA}); the body goes over the wire once per Redis server, when it answers
 * {@code NOSCRIPT} (first use, a restart, a failover), and {@code EVAL} loads it for every later call.
 */
public final class RedisScript {

    private final String body;
    private final String sha;

    private RedisScript(String body) {
        this.body = body;
        this.sha = sha1(body);
    }

    public static RedisScript load(String resource) {
        try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
            return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing " + resource, e);
        }
    }

    /** Runs the script with {@code keys} then {@code args}, as EVAL numbers them. */
    public Uni<Response> run(RedisPipeline redis, List<String> keys, String... args) {
        return redis.execute("EVALSHA", arguments(sha, keys, args))
                .onFailure(RedisScript::unknownScript).recoverWithUni(() -> redis.execute("EVAL", arguments(body, keys, args)));
    }

    private static String[] arguments(String script, List<String> keys, String... args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.length);
        all.add(script);
        all.add(String.valueOf(keys.size()));
        all.addAll(keys);
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private static boolean unknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    /** Redis names a script by the SHA-1 of its body (an identifier, not a security measure). */
    private static String sha1(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
