package io.tokensniped.keys;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tokensniped.keys.account.Account;

/** Accounts stored directly, for tests of what hangs off an account (keys, their events). */
final class TestAccounts {

    private TestAccounts() {
    }

    static UUID create(String name) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            Account a = new Account();
            a.id = id;
            a.email = id + "@test.local";
            a.name = name;
            a.passwordHash = "x";
            a.createdAt = Instant.now();
            a.persist();
        });
        return id;
    }
}
