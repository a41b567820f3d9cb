package io.tokensniped.gateway.auth;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.tokensniped.support.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Verifies a session JWT with smallrye-jwt against keys-service's published RS256 key (signature, issuer, expiry;
 * "alg: none" and other algorithms are refused), then checks it was not signed out. Blocking: call off the event loop.
 */
@ApplicationScoped
public class SessionAuthenticator {

    /** Shared with keys-service, which writes a session here when it is signed out. */
    static final String REVOKED_PREFIX = "session:revoked:";

    private final JWTParser parser;
    private final KeyCommands<String> keys;

    public SessionAuthenticator(JWTParser parser, RedisDataSource redis) {
        this.parser = parser;
        this.keys = redis.key();
    }

    public Principal authenticate(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw ApiException.unauthorized("invalid or expired session");
        }
        String sessionId = jwt.getTokenID();
        UUID account;
        try {
            account = UUID.fromString(jwt.getSubject());
        } catch (RuntimeException e) {
            throw ApiException.unauthorized("invalid session");
        }
        if (sessionId == null || keys.exists(REVOKED_PREFIX + sessionId)) {
            throw ApiException.unauthorized("this session was signed out");
        }
        return Principal.session(account, sessionId, Instant.ofEpochSecond(jwt.getExpirationTime()));
    }
}
