package io.tokensniped.gateway.common;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids drawn on the request path without a lock or the kernel's entropy: {@code UUID.randomUUID()} and the time-based
 * generators draw from one shared SecureRandom, which showed in the admission profile. Solve ids are UUIDv7 (time
 * ordered, so history's index stays compact); event ids random v4. Neither is a secret: every read of a solve checks
 * its owner (see docs/security.md).
 */
public final class Ids {

    private static final long VERSION_7 = 0x7000L;
    private static final long VERSION_4 = 0x4000L;
    private static final long VARIANT = 0x8000_0000_0000_0000L;
    private static final long VARIANT_MASK = 0x3FFF_FFFF_FFFF_FFFFL;
    private static final int TIMESTAMP_SHIFT = 16;
    private static final long RANDOM_12_BITS = 0x0FFFL;
    private static final long VERSION_MASK = ~0xF000L;

    private Ids() {
    }

    /** A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. */
    public static UUID timeOrdered() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() << TIMESTAMP_SHIFT) | VERSION_7 | (random.nextLong() & RANDOM_12_BITS);
        return new UUID(high, (random.nextLong() & VARIANT_MASK) | VARIANT);
    }

    /** A random UUIDv4. */
    public static UUID random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & VERSION_MASK) | VERSION_4;
        return new UUID(high, (random.nextLong() & VARIANT_MASK) | VARIANT);
    }
}
