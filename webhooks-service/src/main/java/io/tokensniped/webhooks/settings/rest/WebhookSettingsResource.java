package io.tokensniped.webhooks.settings.rest;

import java.util.UUID;

import io.tokensniped.support.gateway.Caller;
import io.tokensniped.webhooks.config.WebhooksConfig;
import io.tokensniped.webhooks.settings.WebhookAccount;
import io.vertx.core.http.HttpServerRequest;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** The account's webhook settings: the balance below which balance.low is sent. */
@Path("/api/webhooks/settings")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSettingsResource {

    private static final long MAX_THRESHOLD = 1_000_000_000L;

    public record Settings(@NotNull @Min(1) @Max(MAX_THRESHOLD) Long balanceLowThreshold) {
    }

    private final long defaultThreshold;

    public WebhookSettingsResource(WebhooksConfig config) {
        this.defaultThreshold = config.webhooks().defaultBalanceLowThreshold();
    }

    @GET
    public Settings get(@Context HttpServerRequest request) {
        WebhookAccount account = WebhookAccount.findById(Caller.account(request));
        return new Settings(account == null || account.balanceLowThreshold == null
                ? defaultThreshold
                : account.balanceLowThreshold);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Settings put(@Context HttpServerRequest request, @Valid @NotNull Settings body) {
        UUID accountId = Caller.account(request);
        WebhookAccount account = WebhookAccount.findById(accountId);
        if (account == null) {
            account = new WebhookAccount();
            account.accountId = accountId;
            account.persist();
        }
        account.balanceLowThreshold = body.balanceLowThreshold();
        return body;
    }
}
