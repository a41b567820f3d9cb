package io.tokensniped.keys.demo;

import java.time.Instant;

import org.jboss.logging.Logger;

import com.fasterxml.uuid.Generators;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import io.tokensniped.events.keys.ApiKeyHash;
import io.tokensniped.events.keys.ApiKeyMode;
import io.tokensniped.keys.account.Account;
import io.tokensniped.keys.apikey.ApiKey;
import io.tokensniped.keys.apikey.service.ApiKeyIssuer;
import io.tokensniped.keys.config.KeysConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

/**
 * Seeds the local stack's demo account and its live key (both chosen by the launcher), idempotently. Does nothing
 * unless tokensniped.demo.* is configured, which production never does.
 */
@ApplicationScoped
public class DemoAccountSeeder {

    private static final Logger LOG = Logger.getLogger(DemoAccountSeeder.class);

    private final KeysConfig config;
    private final ApiKeyIssuer issuer;

    public DemoAccountSeeder(KeysConfig config, ApiKeyIssuer issuer) {
        this.config = config;
        this.issuer = issuer;
    }

    void onStart(@Observes StartupEvent started) {
        KeysConfig.Demo demo = config.demo();
        if (demo.email().isEmpty() || demo.password().isEmpty() || demo.apiKey().isEmpty()) {
            return;
        }
        seed(demo.email().get(), demo.password().get(), demo.apiKey().get());
        LOG.infof("demo account %s seeded", demo.email().get());
    }

    @Transactional
    void seed(String email, String password, String apiKey) {
        Account account = Account.findByEmail(email).orElseGet(() -> {
            Account created = new Account();
            created.id = Generators.timeBasedEpochGenerator().generate();
            created.email = email;
            created.name = "Demo";
            created.passwordHash = BcryptUtil.bcryptHash(password);
            created.createdAt = Instant.now();
            created.persist();
            return created;
        });
        // The configured password is the demo's: a run on a database an earlier run seeded signs in with this one.
        if (!BcryptUtil.matches(password, account.passwordHash)) {
            account.passwordHash = BcryptUtil.bcryptHash(password);
        }
        if (ApiKey.findByHash(ApiKeyHash.of(apiKey)).isEmpty()) {
            issuer.register(account.id, "Demo key", apiKey, ApiKeyMode.LIVE, config.keys().defaultRpm(),
                    config.keys().defaultRpd());
        }
    }

}
