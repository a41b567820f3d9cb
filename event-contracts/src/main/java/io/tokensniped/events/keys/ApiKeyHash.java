package io.tokensniped.events.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a full API key becomes the {@code keyHash} that events and stores carry. Keys hold at least 190 bits from a
 * CSPRNG, so a fast unsalted SHA-256 is the right tool: there is nothing to brute-force, and lookups stay O(1).
 */
public final class ApiKeyHash {

    private ApiKeyHash() {
    }

    public static String of(String fullKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fullKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
