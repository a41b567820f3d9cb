package io.tokensniped.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.tokensniped.localstack.infra.KafkaBroker;

/**
 * Stops and starts the run's one Kafka broker: through the infrastructure process's control endpoint under test.sh
 * (TS_INFRA_CONTROL), or directly when this module started its own infrastructure.
 */
interface BrokerSwitch {

    Duration CONTROL_TIMEOUT = Duration.ofSeconds(90);

    void stop() throws Exception;

    void start() throws Exception;

    static BrokerSwitch of(KafkaBroker broker) {
        return new BrokerSwitch() {

            @Override
            public void stop() {
                broker.stop();
            }

            @Override
            public void start() throws Exception {
                broker.start();
            }
        };
    }

    static BrokerSwitch remote(String controlUrl) {
        HttpClient http = HttpClient.newHttpClient();
        return new BrokerSwitch() {

            @Override
            public void stop() throws Exception {
                call("/kafka/stop");
            }

            @Override
            public void start() throws Exception {
                call("/kafka/start");
            }

            private void call(String path) throws IOException, InterruptedException {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(controlUrl + path))
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(CONTROL_TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IOException(path + " answered " + answer.statusCode() + ": " + answer.body());
                }
            }
        };
    }
}
