package io.tokensniped.lab;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proof-of-work challenges the lab's widgets ask the page to compute: issued for a widget key and hostname, answered
 * once, within their lifetime. Shared by the three fixtures.
 */
final class WorkChallenges {

    /** Leading zero bits the proof of work needs: about a quarter of a million hashes, a few hundred ms in a page. */
    static final int WORK_BITS = 18;
    static final Duration SLOW_DELAY = Duration.ofSeconds(3);
    private static final Duration LIFETIME = Duration.ofMinutes(2);

    record Challenge(String id, String key, String hostname, LabMode mode, Instant issuedAt, int bits, long delayMs) {

        /** What the widget's script needs to run the challenge. */
        Map<String, Object> forPage() {
            return Map.of("challenge", id, "bits", bits, "mode", mode.name().toLowerCase(java.util.Locale.ROOT),
                    "delayMs", delayMs);
        }
    }

    private final Map<String, Challenge> open = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    Challenge issue(String key, String hostname, LabMode mode) {
        return issue(key, hostname, mode, WORK_BITS, mode == LabMode.SLOW ? SLOW_DELAY : Duration.ZERO);
    }

    /** A challenge of the given difficulty, started after {@code delay}: the page shapes' own pace. */
    Challenge issue(String key, String hostname, LabMode mode, int bits, Duration delay) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        Challenge challenge = new Challenge(HexFormat.of().formatHex(bytes), key, hostname, mode, Instant.now(), bits,
                delay.toMillis());
        open.put(challenge.id(), challenge);
        return challenge;
    }

    /** The challenge, removed, when it is open, unexpired and the nonce proves the work; empty otherwise. */
    Optional<Challenge> answer(String id, String nonce) {
        Challenge challenge = id == null ? null : open.remove(id);
        if (challenge == null || challenge.issuedAt().plus(LIFETIME).isBefore(Instant.now())
                || !ProofOfWork.valid(id, nonce, challenge.bits())) {
            return Optional.empty();
        }
        return Optional.of(challenge);
    }
}
