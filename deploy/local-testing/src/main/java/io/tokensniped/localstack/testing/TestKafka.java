package io.tokensniped.localstack.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's own Kafka client on the real broker: publish a JSON record as another service would, or read a topic
 * from now on and wait (with a deadline) for the record a test expects.
 */
public final class TestKafka {

    private TestKafka() {
    }

    public static void publish(String bootstrap, String topic, String key, String json) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, json)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("publishing to " + topic + " failed", e);
        }
    }

    /**
     * A member of a consumer group that takes nothing: it stands in for a service whose presence another service
     * watches (the gateway's solver capacity), without consuming the work a test wants to see.
     */
    public static final class GroupMember implements AutoCloseable {

        private final Thread thread;
        private volatile boolean running = true;

        public GroupMember(String bootstrap, String topic, String groupId) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
            // A member whose JVM ends without leaving holds up the group's next rebalance until its session expires
            // (the solver module's first job waited 31 s behind the gateway tests' stand-in): leave at exit, and
            // expire quickly (the broker's minimum) should the exit be abrupt.
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000");
            thread = new Thread(() -> {
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                        new StringDeserializer())) {
                    consumer.subscribe(List.of(topic));
                    while (running) {
                        consumer.poll(Duration.ofMillis(100));
                    }
                }
            }, "group-member-" + groupId);
            thread.setDaemon(true);
            thread.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "group-member-leaves-" + groupId));
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    /** Follows every partition of a topic from the moment it is opened. */
    public static final class Tail implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

        public Tail(String bootstrap, String topic) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            ends.forEach(consumer::seek);
        }

        /** The first record (seen before or arriving before the deadline) whose value matches. */
        public Optional<ConsumerRecord<String, String>> await(Predicate<String> value, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            do {
                Optional<ConsumerRecord<String, String>> hit = seen.stream().filter(r -> value.test(r.value())).findFirst();
                if (hit.isPresent()) {
                    return hit;
                }
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            } while (Instant.now().isBefore(deadline));
            return seen.stream().filter(r -> value.test(r.value())).findFirst();
        }

        /** Every record matching so far, after reading what has arrived up to now. */
        public List<String> all(Predicate<String> value) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().map(ConsumerRecord::value).filter(value).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
