package io.tokensniped.keys.auth.rest;

import java.time.Instant;
import java.util.UUID;

import io.tokensniped.keys.account.Account;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of the /api/auth routes, as the contract names them. */
public final class AuthPayloads {

    private AuthPayloads() {
    }

    public record SignUpRequest(@NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(min = 8, max = 128) String password,
            @NotBlank @Size(max = 128) String name) {
    }

    public record SignInRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
    }

    public record User(UUID id, String email, String name, Instant createdAt) {

        static User of(Account a) {
            return new User(a.id, a.email, a.name, a.createdAt);
        }
    }

    public record SignedIn(User user, String token) {
    }

    public record SessionInfo(Instant expiresAt) {
    }

    public record CurrentSession(User user, SessionInfo session) {
    }

    public record SignedOut(boolean success) {
    }

    public record UpdateUserRequest(@NotBlank @Size(max = 128) String name) {
    }

    public record ChangePasswordRequest(@NotBlank @Size(max = 128) String currentPassword,
            @NotBlank @Size(min = 8, max = 128) String newPassword) {
    }

    public record UserResponse(User user) {

        public static UserResponse of(Account account) {
            return new UserResponse(User.of(account));
        }
    }

    public record SessionsRevoked(boolean success, int revoked) {
    }
}
