package io.tokensniped.history.stream.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on the PostgreSQL channel where every instance announces its stream appends, on a thread of its own, and
 * hands each announcement on. A lost connection is made again; {@code reconnected} runs after each new LISTEN but the
 * first, so whatever was announced while nobody listened can be read from the log.
 */
final class StreamNotifications {

    private static final Logger LOG = Logger.getLogger(StreamNotifications.class);
    private static final long RECONNECT_DELAY_MILLIS = 1000;

    private final DataSource dataSource;
    private final String channel;
    private final Duration poll;
    private final Consumer<String> announced;
    private final Runnable reconnected;
    private volatile boolean running;
    private Thread listener;

    StreamNotifications(DataSource dataSource, String channel, Duration poll, Consumer<String> announced,
            Runnable reconnected) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.poll = poll;
        this.announced = announced;
        this.reconnected = reconnected;
    }

    void start() {
        running = true;
        listener = new Thread(this::listen, "solve-stream-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel);
                if (!first) {
                    reconnected.run();
                }
                first = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) poll.toMillis());
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            announced.accept(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("stream notifications interrupted, reconnecting: %s", e.getMessage());
                    try {
                        Thread.sleep(RECONNECT_DELAY_MILLIS);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }
    }
}
