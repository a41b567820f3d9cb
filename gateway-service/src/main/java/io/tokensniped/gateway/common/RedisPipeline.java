package io.tokensniped.gateway.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.tokensniped.gateway.config.GatewayConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The request path's Redis: one long-lived connection that every request's command is pipelined on, instead of a
 * pooled connection per command. Under a burst the pool opened new connections on the request path, and replies on
 * freshly opened ones went unread for seconds while Redis itself answered in milliseconds (the rate-limit checks then
 * answered 503); one connection opened ahead of need has no such step, and pipelining is also fewer syscalls per
 * request. A broken connection, or one that leaves a command unanswered for the Redis timeout (a peer gone without a
 * reset), is dropped and the next command opens another; a command already sent on it fails, and its caller answers
 * 503 as for any Redis failure.
 */
@ApplicationScoped
public class RedisPipeline {

    private static final Logger LOG = Logger.getLogger(RedisPipeline.class);

    private final Redis redis;
    private final Duration timeout;
    private Uni<RedisConnection> connection;

    public RedisPipeline(Redis redis, GatewayConfig config) {
        this.redis = redis;
        this.timeout = config.rateLimit().redisTimeout();
    }

    /** Sends {@code command args...} on the shared connection. */
    public Uni<Response> execute(String command, String... args) {
        Request request = Request.cmd(Command.create(command));
        for (String arg : args) {
            request.arg(arg);
        }
        Uni<RedisConnection> used = connection();
        return used.flatMap(c -> c.send(request)).ifNoItem().after(timeout).fail()
                .onFailure(TimeoutException.class).invoke(e -> drop(used, e, true));
    }

    private synchronized Uni<RedisConnection> connection() {
        if (connection == null) {
            AtomicReference<Uni<RedisConnection>> opening = new AtomicReference<>();
            opening.set(redis.connect()
                    .invoke(c -> c.exceptionHandler(e -> drop(opening.get(), e, true))
                            .endHandler(() -> drop(opening.get(), null, true)))
                    .onFailure().invoke(e -> {
                        // Not opened: a Redis outage; every command tries again, so this is not worth a line each.
                        LOG.debugf("could not open a Redis connection: %s", e.toString());
                        drop(opening.get(), null, false);
                    })
                    .memoize().indefinitely());
            connection = opening.get();
        }
        return connection;
    }

    /** Forgets this connection (if still the current one), so the next command opens a new one. */
    private synchronized void drop(Uni<RedisConnection> broken, Throwable cause, boolean wasOpen) {
        if (connection == broken) {
            connection = null;
            if (wasOpen) {
                LOG.warnf("the Redis connection was lost%s; the next command opens another",
                        cause == null ? "" : " (" + cause + ")");
            }
        }
    }
}
