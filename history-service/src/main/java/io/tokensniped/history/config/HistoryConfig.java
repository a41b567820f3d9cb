package io.tokensniped.history.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** history-service settings (prefix {@code tokensniped}). */
@ConfigMapping(prefix = "tokensniped")
public interface HistoryConfig {

    Internal internal();

    Streams streams();

    interface Internal {
        /** Shared with the gateways: proves a request comes from one. */
        String secret();
    }

    interface Streams {
        /** A comment line is sent this often on every open stream, so proxies keep idle connections. */
        Duration heartbeatInterval();

        /** How long the listener waits for database notifications per poll. */
        Duration notificationPoll();

        /** The PostgreSQL channel stream appends are announced on. */
        String channel();
    }
}
