package io.tokensniped.webhooks.delivery.service;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tokensniped.support.targets.OperatorOrigins;
import io.tokensniped.support.targets.ReceiverPolicy;
import io.tokensniped.webhooks.config.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends due deliveries: one thread claims what is due (at once when an event was recorded, else every poll interval)
 * and hands each claim to a bounded pool of sender threads; each attempt checks the receiver's address again, signs,
 * sends, and records the result. Split from the sending and the bookkeeping, which change for other reasons.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private final DeliveryLog log;
    private final WebhookSender sender;
    private final ReceiverPolicy policy;
    private final Clock clock;
    private final Duration pollInterval;
    private final int concurrency;
    private final Semaphore wakeups = new Semaphore(0);
    private final Semaphore slots;
    private volatile boolean running;
    private ExecutorService claimer;
    private ExecutorService senders;

    public DeliveryDispatcher(DeliveryLog log, WebhookSender sender, Clock clock, WebhooksConfig config) {
        this.log = log;
        this.sender = sender;
        this.clock = clock;
        this.policy = new ReceiverPolicy(
                OperatorOrigins.of(config.webhooks().operatorAllowedOrigins().orElse(java.util.Set.of())));
        this.pollInterval = config.webhooks().delivery().pollInterval();
        this.concurrency = config.webhooks().delivery().concurrency();
        this.slots = new Semaphore(concurrency);
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        senders = Executors.newFixedThreadPool(concurrency, named("webhook-sender"));
        claimer = Executors.newSingleThreadExecutor(named("webhook-dispatcher"));
        claimer.submit(this::run);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        wake();
        if (claimer != null) {
            claimer.shutdownNow();
            senders.shutdown();
            try {
                senders.awaitTermination(pollInterval.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Unfinished claims are due again when their lease ends, on this or another instance.
            senders.shutdownNow();
        }
    }

    /** Something is due now. */
    public void wake() {
        wakeups.release();
    }

    private void run() {
        while (running) {
            try {
                int free = slots.availablePermits();
                List<DeliveryLog.Claimed> claimed = free == 0 ? List.of() : log.claimDue(free);
                for (DeliveryLog.Claimed claim : claimed) {
                    slots.acquire();
                    senders.submit(() -> {
                        try {
                            attempt(claim);
                        } finally {
                            slots.release();
                            if (slots.availablePermits() == 1) {
                                wake(); // the pool was full: there may be more due
                            }
                        }
                    });
                }
                if (claimed.size() < free || free == 0) {
                    wakeups.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("claiming due webhook deliveries failed (retrying): %s", e.toString());
                sleepQuietly();
            }
        }
    }

    void attempt(DeliveryLog.Claimed claim) {
        Instant attemptedAt = clock.instant();
        long started = System.nanoTime();
        AttemptResult result;
        try {
            ReceiverPolicy.Target target = policy.resolve(URI.create(claim.url()));
            // The timestamp is the wire's: receivers compare it with their own clock (replay protection).
            Instant signedAt = Instant.now();
            String signature = WebhookSigner.sign(claim.secrets(), claim.messageId(), signedAt, claim.payload());
            result = sender.send(target, claim.messageId(), signedAt.getEpochSecond(), signature, claim.payload());
        } catch (ReceiverPolicy.Refused refused) {
            result = AttemptResult.notSent("refused: " + refused.getMessage(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        try {
            log.record(claim, attemptedAt, result);
        } catch (RuntimeException e) {
            // Not recorded: the claim's lease ends and it is attempted again (at least once).
            LOG.warnf("recording webhook delivery %s failed: %s", claim.deliveryId(), e.toString());
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
