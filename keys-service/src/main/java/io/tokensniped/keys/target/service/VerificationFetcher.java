package io.tokensniped.keys.target.service;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.tokensniped.keys.config.KeysConfig;
import io.tokensniped.support.targets.OperatorOrigins;
import io.tokensniped.support.targets.PublicAddress;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fetches a host's verification file over https, then http. Never follows redirects, reads at most a small body, and
 * never connects to a host that resolves to a loopback, private, link-local or metadata address unless the operator
 * allows that exact origin: the verification is not a way to probe the internal network.
 */
@ApplicationScoped
public class VerificationFetcher {

    private static final int MAX_BODY = 1024;

    private final KeysConfig.Targets config;
    private final OperatorOrigins allowed;
    private final HttpClient http;

    public VerificationFetcher(KeysConfig config) {
        this.config = config.targets();
        this.allowed = OperatorOrigins.of(this.config.operatorAllowedOrigins().orElse(java.util.Set.of()));
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.config.fetchTimeout())
                .build();
    }

    /** The file's first line, or empty when it cannot be fetched; the reason of the last failure otherwise. */
    public Optional<String> fetch(String host, StringBuilder failure) {
        String hostOnly = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        boolean publicHost = PublicAddress.resolvesPublicOnly(hostOnly);
        for (String scheme : List.of("https", "http")) {
            URI file = URI.create(scheme + "://" + host + TargetHostService.WELL_KNOWN_PATH);
            if (!publicHost && !allowed.allowsPage(file)) {
                failure.setLength(0);
                failure.append("the host does not resolve to public addresses only");
                continue;
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(file)
                        .timeout(config.fetchTimeout()).GET().build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    byte[] bytes = body.readNBytes(MAX_BODY);
                    if (response.statusCode() == 200) {
                        return Optional.of(new String(bytes, StandardCharsets.UTF_8).strip().lines().findFirst().orElse(""));
                    }
                    failure.setLength(0);
                    failure.append(scheme).append(" answered ").append(response.statusCode());
                }
            } catch (Exception e) {
                failure.setLength(0);
                failure.append(scheme).append(" failed: ").append(e.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }
}
