package io.tokensniped.keys.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.tokensniped.keys.account.Account;
import io.tokensniped.keys.config.KeysConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

/** Signs session JWTs (RS256, with a key id) and shapes the session cookie. */
@ApplicationScoped
public class SessionIssuer {

    public record Session(String token, String sessionId, Instant expiresAt) {
    }

    private final SessionKeys keys;
    private final KeysConfig config;
    private final AccountSessions accountSessions;

    public SessionIssuer(SessionKeys keys, KeysConfig config, AccountSessions accountSessions) {
        this.keys = keys;
        this.config = config;
        this.accountSessions = accountSessions;
    }

    public Session issue(Account account) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(config.sessions().lifetime());
        String sessionId = UUID.randomUUID().toString();
        SessionKeys.SigningKey key = keys.current();
        String token = Jwt.issuer(config.sessions().issuer())
                .subject(account.id.toString())
                .upn(account.email)
                .claim("jti", sessionId)
                .issuedAt(now)
                .expiresAt(expires)
                .jws().keyId(key.keyId())
                .sign(key.privateKey());
        accountSessions.remember(account.id, sessionId, expires);
        return new Session(token, sessionId, expires);
    }

    public NewCookie cookie(Session session) {
        return baseCookie(session.token(), (int) config.sessions().lifetime().toSeconds());
    }

    public NewCookie expiredCookie() {
        return baseCookie("", 0);
    }

    private NewCookie baseCookie(String value, int maxAge) {
        return new NewCookie.Builder(config.sessions().cookieName()).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).secure(config.sessions().secureCookie()).maxAge(maxAge).build();
    }
}
