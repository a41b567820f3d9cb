package io.tokensniped.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.tokensniped.faults.Customers.Customer;

/**
 * Asynchronous live solve submissions at a steady pace, round robin over customers, each answer recorded with the
 * time it took. An answer that takes longer than {@link #PATIENCE} is recorded as a hang (status 0).
 */
final class Burst {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    record Answer(Customer customer, int status, long millis, UUID solveId, String errorCode, String retryAfter, String body) {

        boolean admitted() {
            return status == 202;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
    private final ExecutorService senders = Executors.newFixedThreadPool(16);
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final Thread pacer;

    private Burst(String gateway, List<Customer> customers, String body, int requests, Duration interval) {
        pacer = new Thread(() -> {
            for (int i = 0; i < requests; i++) {
                Customer customer = customers.get(i % customers.size());
                senders.submit(() -> answers.add(submit(gateway, customer, body)));
                sent.incrementAndGet();
                try {
                    // The load's pace, not a synchronisation: one request per interval.
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "burst");
        pacer.start();
    }

    static Burst start(String gateway, List<Customer> customers, String body, int requests, Duration interval) {
        return new Burst(gateway, customers, body, requests, interval);
    }

    private Answer submit(String gateway, Customer customer, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/solve/turnstile?async=true"))
                .timeout(PATIENCE).header("Content-Type", "application/json").header("x-api-key", customer.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            JsonNode json = Customers.JSON.readTree(response.body());
            UUID id = response.statusCode() == 202 ? UUID.fromString(json.path("id").asText()) : null;
            return new Answer(customer, response.statusCode(), millis, id, json.path("error").path("code").asText(null),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (HttpTimeoutException hung) {
            return new Answer(customer, 0, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), null, null, null,
                    "no answer");
        } catch (IOException | InterruptedException e) {
            return new Answer(customer, -1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), null, null, null,
                    e.toString());
        }
    }

    /** Waits until at least n requests have been sent. */
    void awaitSent(int n) throws InterruptedException {
        while (sent.get() < n && pacer.isAlive()) {
            pacer.join(10);
        }
    }

    /** Waits until every request has been answered (or given up on); returns the answers. */
    List<Answer> finish() throws InterruptedException {
        pacer.join();
        senders.shutdown();
        if (!senders.awaitTermination(PATIENCE.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("requests still unanswered after " + PATIENCE.multipliedBy(2));
        }
        return List.copyOf(answers);
    }

    /** The answers so far. */
    List<Answer> answers() {
        return List.copyOf(answers);
    }
}
