package io.tokensniped.history.stream.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tokensniped.history.config.HistoryConfig;
import io.tokensniped.history.dashboard.service.BalanceView;
import io.tokensniped.history.dashboard.service.DashboardQuery;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * This instance's open streams, fed by PostgreSQL notifications of stream appends (whichever instance projected
 * them), and kept alive by a heartbeat comment. After a lost listening connection every subscriber catches up from
 * the log, so a dropped notification never becomes a gap.
 */
@ApplicationScoped
public class SolveStreamHub {

    private static final Logger LOG = Logger.getLogger(SolveStreamHub.class);
    private static final long RECONNECT_DELAY_MILLIS = 1000;

    private final Map<UUID, Set<StreamSubscriber>> byAccount = new ConcurrentHashMap<>();
    private final Map<UUID, Set<DashboardSubscriber>> dashboards = new ConcurrentHashMap<>();
    /** Dashboard event ids: increasing on this instance and, being time-based, across restarts. */
    private final AtomicLong dashboardIds = new AtomicLong(System.currentTimeMillis());
    private final DataSource dataSource;
    private final SolveStreamLog log;
    private final DashboardQuery figures;
    private final ObjectMapper json;
    private final HistoryConfig.Streams settings;
    private final Vertx vertx;
    private volatile boolean running;
    private Thread listener;
    private long heartbeatTimer;

    public SolveStreamHub(DataSource dataSource, SolveStreamLog log, DashboardQuery figures, ObjectMapper json,
            HistoryConfig config, Vertx vertx) {
        this.dataSource = dataSource;
        this.log = log;
        this.figures = figures;
        this.json = json;
        this.settings = config.streams();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent started) {
        running = true;
        listener = new Thread(this::listen, "solve-stream-listener");
        listener.setDaemon(true);
        listener.start();
        heartbeatTimer = vertx.setPeriodic(settings.heartbeatInterval().toMillis(), id -> vertx.executeBlocking(() -> {
            byAccount.values().forEach(subscribers -> subscribers.forEach(StreamSubscriber::heartbeat));
            dashboards.values().forEach(subscribers -> subscribers.forEach(DashboardSubscriber::heartbeat));
            return null;
        }, false));
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        vertx.cancelTimer(heartbeatTimer);
        if (listener != null) {
            listener.interrupt();
        }
        byAccount.values().forEach(subscribers -> subscribers.forEach(StreamSubscriber::close));
        dashboards.values().forEach(subscribers -> subscribers.forEach(DashboardSubscriber::close));
    }

    /** Registers a dashboard stream and sends it the account's figures at once. */
    public void subscribeDashboard(UUID accountId, SseEventSink sink, Sse sse) {
        DashboardSubscriber[] self = new DashboardSubscriber[1];
        self[0] = new DashboardSubscriber(sink, sse, json, dashboardIds::incrementAndGet,
                () -> dashboards.computeIfPresent(accountId, (id, all) -> {
                    all.remove(self[0]);
                    return all.isEmpty() ? null : all;
                }));
        dashboards.computeIfAbsent(accountId, id -> ConcurrentHashMap.newKeySet()).add(self[0]);
        self[0].update(figures.of(accountId));
    }

    private void refreshDashboards(UUID accountId) {
        Set<DashboardSubscriber> subscribers = dashboards.get(accountId);
        if (subscribers != null && !subscribers.isEmpty()) {
            DashboardQuery.Dashboard now = figures.of(accountId);
            subscribers.forEach(s -> s.update(now));
        }
    }

    /** Registers a stream; its caller then replays history into it ({@link StreamSubscriber#replayed}). */
    public StreamSubscriber subscribe(UUID accountId, UUID solveId, String eventName, boolean closeAfterTerminal, long lastSeq,
            SseEventSink sink, Sse sse) {
        StreamSubscriber[] self = new StreamSubscriber[1];
        self[0] = new StreamSubscriber(accountId, solveId, eventName, closeAfterTerminal, lastSeq, sink, sse,
                () -> byAccount.computeIfPresent(accountId, (id, all) -> {
                    all.remove(self[0]);
                    return all.isEmpty() ? null : all;
                }));
        byAccount.computeIfAbsent(accountId, id -> ConcurrentHashMap.newKeySet()).add(self[0]);
        return self[0];
    }

    public int subscribers() {
        return byAccount.values().stream().mapToInt(Set::size).sum();
    }

    private void listen() {
        boolean caughtUp = true;
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + settings.channel());
                if (!caughtUp) {
                    catchUp();
                }
                caughtUp = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) settings.notificationPoll().toMillis());
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            dispatch(n.getParameter());
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

    private void dispatch(String announcement) {
        int colon = announcement.indexOf(':');
        UUID accountId = UUID.fromString(announcement.substring(0, colon));
        String what = announcement.substring(colon + 1);
        Set<StreamSubscriber> subscribers = byAccount.get(accountId);
        if (!BalanceView.BALANCE.equals(what) && subscribers != null && !subscribers.isEmpty()) {
            log.find(accountId, Long.parseLong(what)).ifPresent(event -> subscribers.forEach(s -> s.live(event)));
        }
        refreshDashboards(accountId);
    }

    /** After a reconnect: whatever was announced while nobody listened is read from the log. */
    private void catchUp() {
        byAccount.values().forEach(subscribers -> subscribers.forEach(s -> log.after(s.accountId(), s.lastSeq(), null)
                .forEach(s::live)));
        dashboards.keySet().forEach(this::refreshDashboards);
    }
}
