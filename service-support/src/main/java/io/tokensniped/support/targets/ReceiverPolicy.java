package io.tokensniped.support.targets;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a webhook may be sent: {@code https} to a host whose every address is public (no loopback, private,
 * link-local or metadata address), or an origin the operator allows exactly (the run command's sandbox receivers).
 * The same rule as the solver's egress guard (shared {@link PublicAddress}, {@link OperatorOrigins}). Checked when an
 * endpoint is saved, and again at every delivery on the addresses the sender then connects to (resolve, check,
 * connect to the checked address), so a name cannot be re-pointed at the internal network after it was accepted.
 * Here beside the solver's rule because two services apply it: webhooks-service (endpoints, deliveries) and the
 * gateways (a solve request's {@code callbackUrl}, refused at admission).
 */
public final class ReceiverPolicy {

    static final int MAX_URL_LENGTH = 2048;
    private static final int HTTPS_PORT = 443;
    private static final int HTTP_PORT = 80;

    /** Where to connect for one attempt: the URL as given and the checked address. */
    public record Target(URI uri, InetAddress address, int port) {
    }

    /** The address check failed: the reason, for the creator or the delivery log. */
    public static final class Refused extends Exception {

        public Refused(String reason) {
            super(reason);
        }
    }

    private final OperatorOrigins allowed;

    public ReceiverPolicy(OperatorOrigins allowed) {
        this.allowed = allowed;
    }

    /** Parses and checks a URL as a customer gives it; the reason when it may not be a receiver. */
    public URI accept(String url) throws Refused {
        URI uri = parse(url);
        resolve(uri);
        return uri;
    }

    /** Resolves the host now and picks the address to connect to, refusing if any address is not public. */
    public Target resolve(URI uri) throws Refused {
        boolean operatorAllowed = allowed.allowsPage(uri);
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!operatorAllowed && !https) {
            throw new Refused("webhook URLs must use https");
        }
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("the host " + host + " does not resolve");
        }
        if (!operatorAllowed) {
            for (InetAddress address : addresses) {
                if (!PublicAddress.is(address)) {
                    throw new Refused("the host " + host + " resolves to a loopback, private, link-local or metadata address");
                }
            }
        }
        int port = uri.getPort() != -1 ? uri.getPort() : https ? HTTPS_PORT : HTTP_PORT;
        return new Target(uri, addresses[0], port);
    }

    static URI parse(String url) throws Refused {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new Refused("url must be an absolute https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new Refused("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new Refused("url must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new Refused("url must not carry credentials or a fragment");
        }
        return uri;
    }
}
