package io.tokensniped.lab;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens the lab issues after a widget's proof of work: signed, bound to site key and hostname, short-lived, and
 * good for one verification only, like a real challenge response.
 */
final class LabTokens {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    record Claims(String siteKey, String hostname, String action, String cdata, Instant issuedAt) {
    }

    private final byte[] key;
    private final Map<String, Claims> issued = new ConcurrentHashMap<>();
    private final Set<String> spent = ConcurrentHashMap.newKeySet();
    private final AtomicLong count = new AtomicLong();

    LabTokens(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    String issue(Claims claims) {
        String id = Long.toHexString(count.incrementAndGet()) + "." + Long.toHexString(System.nanoTime());
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(
                (id + "|" + claims.siteKey() + "|" + claims.hostname()).getBytes(StandardCharsets.UTF_8));
        String token = body + "." + sign(body);
        issued.put(token, claims);
        return token;
    }

    long issuedCount() {
        return count.get();
    }

    /** Empty when the token is forged, expired, already used, or issued for another site key. */
    Optional<Claims> redeem(String token, String expectedSiteKey) {
        return check(token, expectedSiteKey).filter(claims -> spent.add(token));
    }

    /** Like {@link #redeem} but without spending the token: for clearance cookies, good until they expire. */
    Optional<Claims> check(String token, String expectedSiteKey) {
        if (token == null || token.indexOf('.') < 0) {
            return Optional.empty();
        }
        String body = token.substring(0, token.lastIndexOf('.'));
        String mac = token.substring(token.lastIndexOf('.') + 1);
        if (!MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII), mac.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Claims claims = issued.get(token);
        if (claims == null || claims.issuedAt().plus(LIFETIME).isBefore(Instant.now())) {
            return Optional.empty();
        }
        if (expectedSiteKey != null && !expectedSiteKey.equals(claims.siteKey())) {
            return Optional.empty();
        }
        return spent.contains(token) ? Optional.empty() : Optional.of(claims);
    }

    /** A MAC under the lab's secret, for values a fixture must later recognise as its own. */
    String sign(String body) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
