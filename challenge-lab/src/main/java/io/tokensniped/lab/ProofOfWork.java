package io.tokensniped.lab;

import java.nio.charset.StandardCharsets;

/**
 * The lab's proof of work: FNV-1a (32 bit) of {@code challenge + ":" + nonce} must start with N zero bits. Not a
 * security measure, only honest work for the page's JavaScript to do, checkable by the server.
 */
final class ProofOfWork {

    private static final int OFFSET_BASIS = 0x811c9dc5;
    private static final int PRIME = 0x01000193;

    private ProofOfWork() {
    }

    static int fnv1a(String text) {
        int h = OFFSET_BASIS;
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            h ^= b & 0xff;
            h *= PRIME;
        }
        return h;
    }

    static boolean valid(String challenge, String nonce, int bits) {
        if (challenge == null || nonce == null || !nonce.matches("\\d{1,12}")) {
            return false;
        }
        return (fnv1a(challenge + ":" + nonce) >>> (32 - bits)) == 0;
    }
}
