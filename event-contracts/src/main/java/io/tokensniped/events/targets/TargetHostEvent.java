package io.tokensniped.events.targets;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.tokensniped.events.EventContract;

/**
 * An account's verified target hosts on the compacted topic {@code keys.verified-hosts}, keyed by
 * {@code accountId/host}: the newest record per key says whether the account may target that host.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TargetHostVerified.class, name = "TargetHostVerified"),
        @JsonSubTypes.Type(value = TargetHostRemoved.class, name = "TargetHostRemoved")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface TargetHostEvent extends EventContract permits TargetHostVerified, TargetHostRemoved {

    UUID accountId();

    /** Lower-case host, with ":port" when the verification was served on a non-default port. */
    String host();

    default String recordKey() {
        return accountId() + "/" + host();
    }
}
