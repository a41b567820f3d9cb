package io.tokensniped.support.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads every partition of one topic (or of a few) on its own thread, without a consumer group: every instance sees
 * every record (a broadcast), with no rebalance pauses and no offsets to commit. Starts at the beginning (to rebuild a
 * view from a compacted topic) or at the end (to hear only what happens from now on). {@link #caughtUp()} turns
 * true once the records present at start have been handled: the instance's readiness.
 */
public final class TopicFollower<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);

    public enum StartAt {
        BEGINNING, END
    }

    private final List<String> topics;
    private final KafkaConsumer<String, V> consumer;
    private final Consumer<ConsumerRecord<String, V>> handler;
    private final StartAt startAt;
    private final Duration pollTimeout;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile Map<TopicPartition, Long> targets;

    public TopicFollower(String bootstrapServers, String topic, Deserializer<V> deserializer, StartAt startAt,
            Duration pollTimeout, Consumer<ConsumerRecord<String, V>> handler) {
        this(bootstrapServers, List.of(topic), deserializer, startAt, pollTimeout, handler);
    }

    /** Follows several topics of the same record type as one stream (e.g. live and test-mode solve events). */
    public TopicFollower(String bootstrapServers, List<String> topics, Deserializer<V> deserializer, StartAt startAt,
            Duration pollTimeout, Consumer<ConsumerRecord<String, V>> handler) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "follower-" + String.join("+", topics));
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer);
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.startAt = startAt;
        this.pollTimeout = pollTimeout;
        this.thread = new Thread(this::run, "follow-" + String.join("+", topics));
        this.thread.setDaemon(true);
    }

    public TopicFollower<V> start() {
        thread.start();
        return this;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        while (running) {
            try {
                if (targets == null) {
                    assignAll();
                }
                for (ConsumerRecord<String, V> record : consumer.poll(pollTimeout)) {
                    handle(record);
                }
                if (!caughtUp && targets != null && reached()) {
                    caughtUp = true;
                    LOG.infof("caught up with %s", topics);
                }
            } catch (WakeupException stop) {
                break;
            } catch (RecordDeserializationException poison) {
                LOG.errorf("skipping undecodable record %s@%d", poison.topicPartition(), poison.offset());
                consumer.seek(poison.topicPartition(), poison.offset() + 1);
            } catch (RuntimeException e) {
                // The broker may be restarting: keep the view we have, retry, and stay alive.
                LOG.warnf("following %s: %s", topics, e.toString());
                pause();
            }
        }
        consumer.close(Duration.ofSeconds(1));
    }

    private void assignAll() {
        List<TopicPartition> partitions = new java.util.ArrayList<>();
        for (String topic : topics) {
            List<TopicPartition> ofTopic = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (ofTopic.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions yet");
            }
            partitions.addAll(ofTopic);
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(5));
        if (startAt == StartAt.BEGINNING) {
            consumer.seekToBeginning(partitions);
        } else {
            ends.forEach(consumer::seek);
        }
        targets = ends;
    }

    private boolean reached() {
        return targets.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void handle(ConsumerRecord<String, V> record) {
        try {
            if (record.value() != null) {
                handler.accept(record);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "skipping unreadable record %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
