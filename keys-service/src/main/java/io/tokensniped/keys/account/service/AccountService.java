package io.tokensniped.keys.account.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.uuid.Generators;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.tokensniped.keys.account.Account;
import io.tokensniped.keys.auth.SignInThrottle;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Sign-up and sign-in. Passwords are bcrypt-hashed (Elytron's BcryptUtil) and never logged. A sign-in for an unknown
 * email still checks a bcrypt hash, so both failures take the same time and give the same answer.
 */
@ApplicationScoped
public class AccountService {

    private static final String BAD_CREDENTIALS = "invalid email or password";

    private final SignInThrottle throttle;
    /** Compared against when the email is unknown, to spend the same bcrypt work as a real check. */
    private final String decoyHash = BcryptUtil.bcryptHash(UUID.randomUUID().toString());

    public AccountService(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Transactional
    public Account signUp(String email, String password, String name) {
        if (Account.findByEmail(email).isPresent()) {
            throw ApiException.conflict("an account with this email already exists");
        }
        Account account = new Account();
        account.id = Generators.timeBasedEpochGenerator().generate();
        account.email = email.trim();
        account.name = name.trim();
        account.passwordHash = BcryptUtil.bcryptHash(password);
        account.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        account.persist();
        return account;
    }

    public Account signIn(String email, String password, String clientAddress) {
        throttle.check(clientAddress, email);
        Optional<Account> account = Account.findByEmail(email);
        boolean matches = BcryptUtil.matches(password, account.map(a -> a.passwordHash).orElse(decoyHash));
        if (account.isEmpty() || !matches) {
            throttle.failed(clientAddress, email);
            throw new ApiException(ErrorCode.UNAUTHORIZED, BAD_CREDENTIALS);
        }
        return account.get();
    }

    @Transactional
    public Account rename(UUID id, String name) {
        Account account = get(id);
        account.name = name.trim();
        return account;
    }

    /** The current password must match (a session alone is not enough to take the account over). */
    @Transactional
    public Account changePassword(UUID id, String currentPassword, String newPassword) {
        Account account = get(id);
        if (!BcryptUtil.matches(currentPassword, account.passwordHash)) {
            throw ApiException.invalidField("currentPassword", "the current password is not right");
        }
        account.passwordHash = BcryptUtil.bcryptHash(newPassword);
        return account;
    }

    public Account get(UUID id) {
        return Account.<Account>findByIdOptional(id)
                .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "sign in first"));
    }
}
