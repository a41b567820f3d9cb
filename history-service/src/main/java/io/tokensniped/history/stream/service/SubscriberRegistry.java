package io.tokensniped.history.stream.service;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/** This instance's open streams of one kind, by account. A stream leaves it by closing its {@link Registration}. */
final class SubscriberRegistry<S extends SseConnection> {

    private final Map<UUID, Map<Registration, S>> byAccount = new ConcurrentHashMap<>();

    /** One stream's place in the registry; closing it (the stream does, when it ends) removes the stream. */
    final class Registration implements AutoCloseable {

        private final UUID accountId;

        private Registration(UUID accountId) {
            this.accountId = accountId;
        }

        @Override
        public void close() {
            byAccount.computeIfPresent(accountId, (id, all) -> {
                all.remove(this);
                return all.isEmpty() ? null : all;
            });
        }
    }

    /**
     * Registers the stream {@code open} makes, which is given the callback that ends its registration (its onClose).
     * A stream that ended while being opened (the client already gone) is not kept.
     */
    S register(UUID accountId, Function<Runnable, S> open) {
        Registration registration = new Registration(accountId);
        S subscriber = open.apply(registration::close);
        byAccount.computeIfAbsent(accountId, id -> new ConcurrentHashMap<>()).put(registration, subscriber);
        if (subscriber.closed()) {
            registration.close();
        }
        return subscriber;
    }

    /** The account's open streams; empty when it has none. */
    Collection<S> of(UUID accountId) {
        Map<Registration, S> subscribers = byAccount.get(accountId);
        return subscribers == null ? Set.of() : subscribers.values();
    }

    Set<UUID> accounts() {
        return byAccount.keySet();
    }

    void forEach(Consumer<S> action) {
        byAccount.values().forEach(subscribers -> subscribers.values().forEach(action));
    }

    int size() {
        return byAccount.values().stream().mapToInt(Map::size).sum();
    }
}
