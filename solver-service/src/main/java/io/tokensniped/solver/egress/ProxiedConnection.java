package io.tokensniped.solver.egress;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tokensniped.solver.config.SolverConfig;
import io.tokensniped.solver.policy.EgressDecision;
import io.tokensniped.solver.policy.TargetPolicy;

/**
 * One browser connection to the guard. {@code CONNECT host:port} (https, wss) becomes a tunnel to the checked
 * address; an absolute-form request ({@code GET http://host/path}, plain http) is forwarded as one request with
 * {@code Connection: close}, so a reused proxy connection can never carry a second request past the check.
 */
final class ProxiedConnection implements Runnable {

    /** Response header telling the solver's engines why a navigation got no page: blocked or unreachable. */
    static final String VERDICT_HEADER = "X-TokenSniped-Egress";

    interface Refusals {

        void refused(GuardedSolve solve, EgressRefusal request);
    }

    private record Head(String method, String target, String version, List<String> headers, long contentLength,
            boolean chunked) {
    }

    private record Authority(String host, int port) {
    }

    private final Socket client;
    private final GuardedSolve solve;
    private final TargetPolicy policy;
    private final SolverConfig.Egress config;
    private final Refusals refusals;

    ProxiedConnection(Socket client, GuardedSolve solve, TargetPolicy policy, SolverConfig.Egress config, Refusals refusals) {
        this.client = client;
        this.solve = solve;
        this.policy = policy;
        this.config = config;
        this.refusals = refusals;
    }

    @Override
    public void run() {
        try (client) {
            // Requests and answers go through in pieces (a head, then a body): Nagle's algorithm would hold each
            // second piece until the first is acknowledged, and a delayed acknowledgement takes up to 40 ms.
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            Head head = readHead(in);
            if (head == null) {
                return;
            }
            if (head.method().equals("CONNECT")) {
                tunnel(head, in, out);
            } else {
                forward(head, in, out);
            }
        } catch (IOException | RuntimeException ignored) {
            // the browser or the target hung up, or sent garbage; the browser sees a closed connection
        }
    }

    private void tunnel(Head head, InputStream in, OutputStream out) throws IOException {
        Authority authority = authority(head.target(), 443);
        if (authority == null) {
            reply(out, 400, "bad-request", "CONNECT needs host:port");
            return;
        }
        try (Socket upstream = connect(authority, out)) {
            if (upstream == null) {
                return;
            }
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            pipe(in, upstream, out);
        }
    }

    private void forward(Head head, InputStream in, OutputStream out) throws IOException {
        URI uri;
        try {
            uri = URI.create(head.target());
        } catch (IllegalArgumentException e) {
            reply(out, 400, "bad-request", "not an absolute http URL");
            return;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            reply(out, 400, "bad-request", "only absolute http URLs are proxied");
            return;
        }
        if (head.chunked()) {
            reply(out, 411, "length-required", "streamed request bodies are not proxied");
            return;
        }
        Authority authority = new Authority(unbracket(uri.getHost()), uri.getPort() == -1 ? 80 : uri.getPort());
        try (Socket upstream = connect(authority, out)) {
            if (upstream == null) {
                return;
            }
            OutputStream toTarget = upstream.getOutputStream();
            toTarget.write(originFormHead(head, uri).getBytes(StandardCharsets.ISO_8859_1));
            copy(in, toTarget, head.contentLength());
            toTarget.flush();
            upstream.getInputStream().transferTo(out);
            out.flush();
        }
    }

    /** Checks the host and connects to the address checked; null after answering the browser when it may not. */
    private Socket connect(Authority authority, OutputStream out) throws IOException {
        EgressDecision decision = policy.egress(authority.host(), authority.port());
        if (!decision.allowed()) {
            refusals.refused(solve, new EgressRefusal(authority.host(), authority.port(), true, decision.reason()));
            reply(out, 403, "blocked", "TokenSniped does not open " + authority.host() + ": " + decision.reason());
            return null;
        }
        Socket upstream = new Socket();
        try {
            upstream.setTcpNoDelay(true);
            upstream.connect(new InetSocketAddress(decision.address(), authority.port()),
                    (int) config.connectTimeout().toMillis());
            return upstream;
        } catch (IOException e) {
            upstream.close();
            refusals.refused(solve, new EgressRefusal(authority.host(), authority.port(), false, e.getMessage()));
            reply(out, 502, "unreachable", authority.host() + ":" + authority.port() + " is unreachable: " + e.getMessage());
            return null;
        }
    }

    /** Browser → target on a helper thread, target → browser here; either side closing ends both. */
    private static void pipe(InputStream fromBrowser, Socket upstream, OutputStream toBrowser) throws IOException {
        Thread up = new Thread(() -> {
            try {
                fromBrowser.transferTo(upstream.getOutputStream());
                upstream.shutdownOutput();
            } catch (IOException ignored) {
                // closed below
            }
        }, "egress-tunnel");
        up.setDaemon(true);
        up.start();
        try {
            upstream.getInputStream().transferTo(toBrowser);
        } finally {
            upstream.close();
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("request body ended early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static String originFormHead(Head head, URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder out = new StringBuilder(head.method()).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
        }
        out.append(' ').append(head.version()).append("\r\n");
        for (String header : head.headers()) {
            String name = header.substring(0, Math.max(0, header.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
            if (!name.startsWith("proxy-") && !name.equals("connection") && !name.equals("keep-alive")) {
                out.append(header).append("\r\n");
            }
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private static void reply(OutputStream out, int status, String verdict, String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + VERDICT_HEADER + ": " + verdict + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 411 -> "Length Required";
            default -> "Bad Gateway";
        };
    }

    private Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || bytes.size() >= config.maxRequestHeadBytes()) {
                return null;
            }
            bytes.write(b);
            matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3) {
            return null;
        }
        List<String> headers = new ArrayList<>();
        long contentLength = 0;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            headers.add(lines[i]);
            String lower = lines[i].toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        return new Head(requestLine[0].toUpperCase(Locale.ROOT), requestLine[1], requestLine[2], headers, contentLength,
                chunked);
    }

    private static Authority authority(String target, int defaultPort) {
        int colon = target.lastIndexOf(':');
        boolean bracketed = target.startsWith("[");
        if (colon < 0 || (bracketed && colon < target.indexOf(']'))) {
            return new Authority(unbracket(target), defaultPort);
        }
        try {
            return new Authority(unbracket(target.substring(0, colon)), Integer.parseInt(target.substring(colon + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
