package io.tokensniped.support.targets;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the operator allows although it is not public: exact origins ({@code scheme://host:port}), never bare hosts,
 * so allowing a test site on loopback does not open every other port of that address (PostgreSQL, Redis, Kafka, the
 * services). The solver opens pages only on an allowed origin (or a verified public host), and its browser connects
 * only to an allowed origin's host and port (or a public address); keys-service fetches verification files likewise.
 */
public final class OperatorOrigins {

    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;

    /** One allowed origin; the host in lower case without IPv6 brackets, the port explicit. */
    public record Origin(String scheme, String host, int port) {
    }

    private final Set<Origin> origins;

    private OperatorOrigins(Set<Origin> origins) {
        this.origins = origins;
    }

    public static OperatorOrigins none() {
        return new OperatorOrigins(Set.of());
    }

    /** Parses {@code http(s)://host[:port]} values; anything else (a bare host, a path) is refused at start. */
    public static OperatorOrigins of(Collection<String> values) {
        return new OperatorOrigins(values.stream().map(String::trim).filter(v -> !v.isEmpty()).map(OperatorOrigins::parse)
                .collect(Collectors.toUnmodifiableSet()));
    }

    static Origin parse(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("operator-allowed origin " + value + " is not a URL", e);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (uri.getHost() == null || !(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("operator-allowed origin " + value
                    + " must be scheme://host:port, e.g. http://127.0.0.1:8090, not a bare host or a URL with a path");
        }
        return origin(uri).orElseThrow(() -> new IllegalArgumentException("operator-allowed origin " + value
                + " must be http or https"));
    }

    /** The origin of an http(s) URL; empty for another scheme or no host. */
    public static java.util.Optional<Origin> origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return java.util.Optional.empty();
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? HTTPS_PORT : HTTP_PORT;
        return java.util.Optional.of(new Origin(scheme, host(uri.getHost()), port));
    }

    /** True when the page at {@code uri} is on an allowed origin (scheme, host and port all equal). */
    public boolean allowsPage(URI uri) {
        return origin(uri).map(origins::contains).orElse(false);
    }

    /** True when a connection to {@code host:port} reaches an allowed origin (whatever protocol runs over it). */
    public boolean allowsConnection(String host, int port) {
        String normalised = host(host);
        return origins.stream().anyMatch(o -> o.host().equals(normalised) && o.port() == port);
    }

    public boolean isEmpty() {
        return origins.isEmpty();
    }

    private static String host(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }
}
