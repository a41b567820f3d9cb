package io.tokensniped.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** An open Server-Sent-Event stream, read on its own thread into the list of events received so far. */
final class SseTail implements AutoCloseable {

    record Event(String id, String name, String data) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final Stream<String> lines;

    SseTail(String url, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        lines = response.body();
        Thread reader = new Thread(() -> {
            String id = null, name = null, data = null;
            try {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            events.add(new Event(id, name, data));
                        }
                        id = name = data = null;
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data = line.substring(5).trim();
                    }
                }
            } catch (RuntimeException closed) {
                // closed by the test
            }
        }, "sse-tail");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until the events received so far satisfy {@code condition}; false at the deadline. */
    boolean await(Predicate<List<Event>> condition, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (!condition.test(events)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() {
        lines.close();
    }
}
