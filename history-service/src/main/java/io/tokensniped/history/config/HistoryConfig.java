package io.tokensniped.history.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** history-service settings (prefix {@code tokensniped}). */
@ConfigMapping(prefix = "tokensniped")
public interface HistoryConfig {

    Internal internal();

    Streams streams();

    Retention retention();

    interface Retention {

        /**
         * How long a solve stays in history (and its stream events, and the ids of events already applied). Keep it
         * longer than the solve topics' retention, so a redelivered event is still recognised as applied.
         */
        Duration solves();

        /** How often the sweep runs (read by the @Scheduled sweep through the same property). */
        Duration sweepInterval();

        /** How many rows one sweep transaction deletes at most (the sweep repeats until none is left). */
        int batchSize();
    }

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
