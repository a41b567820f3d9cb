package io.tokensniped.keys.auth.rest;

import java.util.Map;

import io.tokensniped.keys.account.Account;
import io.tokensniped.keys.account.service.AccountService;
import io.tokensniped.keys.auth.rest.AuthPayloads.ChangePasswordRequest;
import io.tokensniped.keys.auth.rest.AuthPayloads.CurrentSession;
import io.tokensniped.keys.auth.rest.AuthPayloads.SessionInfo;
import io.tokensniped.keys.auth.rest.AuthPayloads.SessionsRevoked;
import io.tokensniped.keys.auth.rest.AuthPayloads.SignInRequest;
import io.tokensniped.keys.auth.rest.AuthPayloads.SignUpRequest;
import io.tokensniped.keys.auth.rest.AuthPayloads.SignedIn;
import io.tokensniped.keys.auth.rest.AuthPayloads.SignedOut;
import io.tokensniped.keys.auth.rest.AuthPayloads.UpdateUserRequest;
import io.tokensniped.keys.auth.rest.AuthPayloads.User;
import io.tokensniped.keys.auth.rest.AuthPayloads.UserResponse;
import io.tokensniped.keys.session.AccountSessions;
import io.tokensniped.keys.session.RevokedSessions;
import io.tokensniped.keys.session.SessionIssuer;
import io.tokensniped.keys.session.SessionKeys;
import io.tokensniped.support.error.ApiException;
import io.tokensniped.support.error.ErrorCode;
import io.tokensniped.support.gateway.Caller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Accounts and sessions: {@code /api/auth/*} (reached through the gateway) and the public key for verifying sessions. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AccountService accounts;
    private final SessionIssuer sessions;
    private final RevokedSessions revoked;
    private final SessionKeys keys;
    private final AccountSessions accountSessions;

    public AuthResource(AccountService accounts, SessionIssuer sessions, RevokedSessions revoked, SessionKeys keys,
            AccountSessions accountSessions) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.revoked = revoked;
        this.keys = keys;
        this.accountSessions = accountSessions;
    }

    @POST
    @Path("api/auth/sign-up/email")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signUp(@Valid @NotNull SignUpRequest body) {
        return signedIn(accounts.signUp(body.email(), body.password(), body.name()));
    }

    @POST
    @Path("api/auth/sign-in/email")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(@Valid @NotNull SignInRequest body, @Context HttpServerRequest request) {
        return signedIn(accounts.signIn(body.email(), body.password(), Caller.of(request).clientAddress()));
    }

    @POST
    @Path("api/auth/sign-out")
    public Response signOut(@Context HttpServerRequest request) {
        Caller caller = Caller.of(request);
        caller.requireAccount();
        revoked.revoke(caller.sessionId().orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, "no session")),
                caller.sessionExpiresAt().orElseThrow());
        return Response.ok(new SignedOut(true)).cookie(sessions.expiredCookie()).build();
    }

    @GET
    @Path("api/auth/get-session")
    public CurrentSession session(@Context HttpServerRequest request) {
        Caller caller = Caller.of(request);
        Account account = accounts.get(caller.requireAccount());
        return new CurrentSession(User.of(account), new SessionInfo(caller.sessionExpiresAt().orElseThrow(
                () -> new ApiException(ErrorCode.UNAUTHORIZED, "a session is required"))));
    }

    /** The account's display name (better-auth's update-user; an extension, docs/api-extensions.md). */
    @POST
    @Path("api/auth/update-user")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserResponse updateUser(@Valid @NotNull UpdateUserRequest body, @Context HttpServerRequest request) {
        return UserResponse.of(accounts.rename(Caller.of(request).requireAccount(), body.name()));
    }

    @POST
    @Path("api/auth/change-password")
    @Consumes(MediaType.APPLICATION_JSON)
    public UserResponse changePassword(@Valid @NotNull ChangePasswordRequest body, @Context HttpServerRequest request) {
        return UserResponse
                .of(accounts.changePassword(Caller.of(request).requireAccount(), body.currentPassword(), body.newPassword()));
    }

    /** Signs out every session of the account, this one included (better-auth's revoke-sessions). */
    @POST
    @Path("api/auth/revoke-sessions")
    public Response revokeSessions(@Context HttpServerRequest request) {
        Caller caller = Caller.of(request);
        int count = accountSessions.revokeAll(caller.requireAccount());
        // A session issued before sessions were listed per account is not in the list: this one is revoked regardless.
        caller.sessionId().ifPresent(id -> revoked.revoke(id, caller.sessionExpiresAt().orElseThrow()));
        return Response.ok(new SessionsRevoked(true, count)).cookie(sessions.expiredCookie()).build();
    }

    /** For the gateways' session verification; internal (the gateway does not route /internal). */
    @GET
    @Path("internal/jwks.json")
    public Map<String, Object> jwks() {
        return keys.jwks();
    }

    private Response signedIn(Account account) {
        SessionIssuer.Session session = sessions.issue(account);
        return Response.ok(new SignedIn(User.of(account), session.token())).cookie(sessions.cookie(session)).build();
    }
}
