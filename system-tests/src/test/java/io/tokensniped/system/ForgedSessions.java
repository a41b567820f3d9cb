package io.tokensniped.system;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import io.tokensniped.localstack.infra.Endpoints;

/** Session tokens an attacker (or a clock) would produce, built with jose4j for the negative tests. */
final class ForgedSessions {

    static final String ISSUER = "https://tokensniped.io";

    private ForgedSessions() {
    }

    static String signed(PrivateKey key, String keyId, String accountId, Instant expiresAt) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(accountId);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(expiresAt.minusSeconds(3600).getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    /** {"alg":"none"}: a token with no signature at all. */
    static String unsigned(String accountId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long exp = Instant.now().plusSeconds(3600).getEpochSecond();
        String payload = b64.encodeToString(("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + accountId + "\",\"jti\":\""
                + UUID.randomUUID() + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    static PrivateKey foreignKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    /** The service's real signing key, read from its database: lets a test make a token that differs only in expiry. */
    static Object[] serviceKey(Endpoints infra) throws Exception {
        String url = "jdbc:postgresql://" + infra.postgresHost() + ":" + infra.postgresPort() + "/tokensniped_keys";
        try (Connection c = DriverManager.getConnection(url, infra.postgresUser(), infra.postgresPassword());
                ResultSet rs = c.createStatement().executeQuery(
                        "select key_id, private_pem from session_signing_key order by created_at limit 1")) {
            rs.next();
            String pem = rs.getString(2).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new Object[]{rs.getString(1), key};
        }
    }
}
