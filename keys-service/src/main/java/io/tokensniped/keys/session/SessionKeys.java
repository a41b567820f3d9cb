package io.tokensniped.keys.session;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.tokensniped.keys.config.KeysConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * The RSA pair sessions are signed with. Production configures it (PEM); otherwise the first instance to start
 * generates one and stores it, so every instance and every restart signs with the same key. The public half is
 * published as a JWKS for the gateways, which verify sessions without calling this service per request.
 */
@ApplicationScoped
public class SessionKeys {

    private static final int RSA_BITS = 2048;

    public record SigningKey(String keyId, PrivateKey privateKey, PublicKey publicKey) {
    }

    private final KeysConfig config;
    private final EntityManager em;
    private volatile SigningKey current;

    public SessionKeys(KeysConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    void load(@Observes StartupEvent started) throws Exception {
        current = configured() != null ? configured() : stored();
    }

    public SigningKey current() {
        return current;
    }

    private SigningKey configured() throws Exception {
        if (config.sessions().privateKey().isEmpty() || config.sessions().publicKey().isEmpty()) {
            return null;
        }
        String publicPem = config.sessions().publicKey().get();
        return new SigningKey(keyId(publicPem), KeyUtils.decodePrivateKey(config.sessions().privateKey().get()),
                KeyUtils.decodePublicKey(publicPem));
    }

    private SigningKey stored() throws Exception {
        List<?> rows = QuarkusTransaction.requiringNew().call(this::readStored);
        if (rows.isEmpty()) {
            KeyPair pair = KeyUtils.generateKeyPair(RSA_BITS, SignatureAlgorithm.RS256);
            String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
            String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
            String keyId = keyId(publicPem);
            // Two instances starting together may both generate: the first insert wins, both then read it back.
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    insert into session_signing_key (key_id, private_pem, public_pem, created_at)
                    select :id, :priv, :pub, :at where not exists (select 1 from session_signing_key)
                    """).setParameter("id", keyId).setParameter("priv", privatePem)
                    .setParameter("pub", publicPem).setParameter("at", java.sql.Timestamp.from(Instant.now())).executeUpdate());
            rows = QuarkusTransaction.requiringNew().call(this::readStored);
        }
        Object[] row = (Object[]) rows.get(0);
        return new SigningKey((String) row[0], KeyUtils.decodePrivateKey((String) row[1]),
                KeyUtils.decodePublicKey((String) row[2]));
    }

    private List<?> readStored() {
        return em
                .createNativeQuery(
                        "select key_id, private_pem, public_pem from session_signing_key order by created_at limit 1")
                .getResultList();
    }

    /** The JSON Web Key Set of the verification key. */
    public Map<String, Object> jwks() {
        RSAPublicKey key = (RSAPublicKey) current.publicKey();
        return Map.of("keys", List.of(Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", current.keyId(),
                "n", base64Url(key.getModulus()), "e", base64Url(key.getPublicExponent()))));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static String keyId(String publicPem) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicPem.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
