package io.tokensniped.keys.target.service;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.uuid.Generators;

import io.tokensniped.events.targets.TargetHostRemoved;
import io.tokensniped.events.targets.TargetHostVerified;
import io.tokensniped.keys.config.KeysConfig;
import io.tokensniped.keys.target.VerifiedHost;
import io.tokensniped.keys.target.messaging.TargetHostEventPublisher;
import io.tokensniped.support.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * An account's target hosts: add one (it gets a token), verify it (the host must serve that token at the well-known
 * path), list, remove. Verification and removal are announced on keys.verified-hosts for the solvers' target policy.
 */
@ApplicationScoped
public class TargetHostService {

    public static final String WELL_KNOWN_PATH = "/.well-known/tokensniped-verification.txt";
    public static final String HOST_PATTERN = "^(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\\d{1,5})?$";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int TOKEN_LENGTH = 40;

    private final SecureRandom random = new SecureRandom();
    private final VerificationFetcher fetcher;
    private final TargetHostEventPublisher publisher;
    private final KeysConfig config;

    public TargetHostService(VerificationFetcher fetcher, TargetHostEventPublisher publisher, KeysConfig config) {
        this.fetcher = fetcher;
        this.publisher = publisher;
        this.config = config;
    }

    public List<VerifiedHost> list(UUID accountId) {
        return VerifiedHost.list("accountId = ?1 order by createdAt desc", accountId);
    }

    @Transactional
    public VerifiedHost add(UUID accountId, String host) {
        String normalized = normalize(host);
        if (VerifiedHost.count("accountId = ?1 and host = ?2", accountId, normalized) > 0) {
            throw ApiException.conflict("this host is already on the account");
        }
        if (VerifiedHost.count("accountId", accountId) >= config.targets().maxPerAccount()) {
            throw ApiException.conflict("an account can hold at most " + config.targets().maxPerAccount() + " target hosts");
        }
        VerifiedHost h = new VerifiedHost();
        h.id = Generators.timeBasedEpochGenerator().generate();
        h.accountId = accountId;
        h.host = normalized;
        h.token = "tokensniped-verify-" + randomToken();
        h.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        h.persist();
        return h;
    }

    /** Fetches outside any transaction (a slow host must not hold a connection), then records the result. */
    public VerifiedHost verify(UUID accountId, UUID id) {
        VerifiedHost h = owned(accountId, id);
        StringBuilder failure = new StringBuilder();
        boolean matches = fetcher.fetch(h.host, failure).map(h.token::equals).orElse(false);
        if (!matches) {
            throw ApiException.conflict("verification failed: " + h.host + WELL_KNOWN_PATH + " must contain the token ("
                    + (failure.length() > 0 ? failure : "the file holds another value") + ")");
        }
        return markVerified(accountId, id);
    }

    @Transactional
    VerifiedHost markVerified(UUID accountId, UUID id) {
        VerifiedHost h = owned(accountId, id);
        if (h.verifiedAt == null) {
            h.verifiedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        }
        publisher.publish(new TargetHostVerified(UUID.randomUUID(), h.verifiedAt, accountId, h.host));
        return h;
    }

    @Transactional
    public void remove(UUID accountId, UUID id) {
        VerifiedHost h = owned(accountId, id);
        h.delete();
        publisher.publish(new TargetHostRemoved(UUID.randomUUID(), Instant.now(), accountId, h.host));
    }

    private static VerifiedHost owned(UUID accountId, UUID id) {
        return VerifiedHost.<VerifiedHost>find("id = ?1 and accountId = ?2", id, accountId).firstResultOptional()
                .orElseThrow(() -> ApiException.notFound("target host"));
    }

    /** Lower case, and no default port: "Shop.Example.com:443" and "shop.example.com" are one host. */
    static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        return h.endsWith(":443") || h.endsWith(":80") ? h.substring(0, h.lastIndexOf(':')) : h;
    }

    private String randomToken() {
        StringBuilder out = new StringBuilder(TOKEN_LENGTH);
        for (int i = 0; i < TOKEN_LENGTH; i++) {
            out.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return out.toString();
    }
}
