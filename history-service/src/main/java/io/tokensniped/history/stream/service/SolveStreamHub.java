package io.tokensniped.history.stream.service;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

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
 * This instance's open streams ({@link SubscriberRegistry}, one for solve streams, one for dashboards), fed by
 * PostgreSQL notifications of stream appends whichever instance projected them ({@link StreamNotifications}), and
 * kept alive by a heartbeat comment. After a lost listening connection every subscriber catches up from the log, so a
 * dropped notification never becomes a gap.
 */
@ApplicationScoped
public class SolveStreamHub {

    private final SubscriberRegistry<StreamSubscriber> streams = new SubscriberRegistry<>();
    private final SubscriberRegistry<DashboardSubscriber> dashboards = new SubscriberRegistry<>();
    /** Dashboard event ids: increasing on this instance and, being time-based, across restarts. */
    private final AtomicLong dashboardIds = new AtomicLong(System.currentTimeMillis());
    private final SolveStreamLog log;
    private final DashboardQuery figures;
    private final ObjectMapper json;
    private final HistoryConfig.Streams settings;
    private final Vertx vertx;
    private final StreamNotifications notifications;
    private long heartbeatTimer;

    public SolveStreamHub(DataSource dataSource, SolveStreamLog log, DashboardQuery figures, ObjectMapper json,
            HistoryConfig config, Vertx vertx) {
        this.log = log;
        this.figures = figures;
        this.json = json;
        this.settings = config.streams();
        this.vertx = vertx;
        this.notifications = new StreamNotifications(dataSource, settings.channel(), settings.notificationPoll(),
                this::dispatch, this::catchUp);
    }

    void start(@Observes StartupEvent started) {
        notifications.start();
        heartbeatTimer = vertx.setPeriodic(settings.heartbeatInterval().toMillis(), id -> vertx.executeBlocking(() -> {
            streams.forEach(StreamSubscriber::heartbeat);
            dashboards.forEach(DashboardSubscriber::heartbeat);
            return null;
        }, false));
    }

    void stop(@Observes ShutdownEvent stopping) {
        notifications.stop();
        vertx.cancelTimer(heartbeatTimer);
        streams.forEach(StreamSubscriber::close);
        dashboards.forEach(DashboardSubscriber::close);
    }

    /** Registers a dashboard stream and sends it the account's figures at once. */
    public void subscribeDashboard(UUID accountId, SseEventSink sink, Sse sse) {
        DashboardSubscriber subscriber = dashboards.register(accountId,
                onClose -> new DashboardSubscriber(sink, sse, json, dashboardIds::incrementAndGet, onClose));
        subscriber.update(figures.of(accountId));
    }

    /** Registers a stream; its caller then replays history into it ({@link StreamSubscriber#replayed}). */
    public StreamSubscriber subscribe(UUID accountId, UUID solveId, String eventName, boolean closeAfterTerminal, long lastSeq,
            SseEventSink sink, Sse sse) {
        return streams.register(accountId,
                onClose -> new StreamSubscriber(accountId, solveId, eventName, closeAfterTerminal, lastSeq, sink, sse,
                        onClose));
    }

    public int subscribers() {
        return streams.size();
    }

    private void refreshDashboards(UUID accountId) {
        Collection<DashboardSubscriber> subscribers = dashboards.of(accountId);
        if (!subscribers.isEmpty()) {
            DashboardQuery.Dashboard now = figures.of(accountId);
            subscribers.forEach(s -> s.update(now));
        }
    }

    /**
     * An announcement is {@code <account>:balance}, or a stream append: {@code <account>:<seq>}, with the whole event
     * after it when it fits ({@link SolveStreamLog#announcement}), so most are pushed without a read.
     */
    private void dispatch(String announcement) {
        int colon = announcement.indexOf(':');
        UUID accountId = UUID.fromString(announcement.substring(0, colon));
        String what = announcement.substring(colon + 1);
        Collection<StreamSubscriber> subscribers = streams.of(accountId);
        if (!BalanceView.BALANCE.equals(what) && !subscribers.isEmpty()) {
            SolveStreamLog.StreamEvent carried = SolveStreamLog.carried(accountId, what);
            Optional<SolveStreamLog.StreamEvent> event = carried != null
                    ? Optional.of(carried)
                    : log.find(accountId, Long.parseLong(what));
            event.ifPresent(e -> subscribers.forEach(s -> s.live(e)));
        }
        refreshDashboards(accountId);
    }

    /** After a reconnect: whatever was announced while nobody listened is read from the log. */
    private void catchUp() {
        streams.forEach(s -> log.after(s.accountId(), s.lastSeq(), null).forEach(s::live));
        dashboards.accounts().forEach(this::refreshDashboards);
    }
}
