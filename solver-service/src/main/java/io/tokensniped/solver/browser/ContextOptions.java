package io.tokensniped.solver.browser;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.options.Proxy;
import com.microsoft.playwright.options.ServiceWorkerPolicy;

import io.tokensniped.events.solve.SolveRequested;
import io.tokensniped.solver.egress.GuardedSolve;

/** A solve's context settings: the customer's proxy (with its credentials) and, for interstitials, their user agent. */
final class ContextOptions {

    private static final String NO_BYPASS = "<-loopback>";

    /** A job (or none yet) that a context with the standard settings serves: no customer proxy, no user agent. */
    static boolean standard(SolveRequested job) {
        return job == null || (blank(job.proxy()) && blank(job.target().userAgent()));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private ContextOptions() {
    }

    /**
     * Without a customer proxy the context's proxy is the solve's egress guard listener, loopback included
     * ({@code <-loopback>} removes Chromium's implicit bypass), so no request leaves unchecked. Service workers are
     * blocked because their requests would not be attributed to the page's context.
     */
    static Browser.NewContextOptions forJob(SolveRequested job, GuardedSolve egress) {
        // Downloads a page starts are refused: nothing of them is needed, and they would pile up on disk.
        Browser.NewContextOptions options = new Browser.NewContextOptions().setServiceWorkers(ServiceWorkerPolicy.BLOCK)
                .setAcceptDownloads(false);
        if (standard(job)) {
            return options.setProxy(new Proxy(egress.proxyServer()).setBypass(NO_BYPASS));
        }
        if (job.proxy() == null || job.proxy().isBlank()) {
            options.setProxy(new Proxy(egress.proxyServer()).setBypass(NO_BYPASS));
        } else {
            URI uri = URI.create(job.proxy());
            Proxy proxy = new Proxy(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
            if (uri.getRawUserInfo() != null) {
                String[] credentials = uri.getRawUserInfo().split(":", 2);
                proxy.setUsername(URLDecoder.decode(credentials[0], StandardCharsets.UTF_8));
                if (credentials.length > 1) {
                    proxy.setPassword(URLDecoder.decode(credentials[1], StandardCharsets.UTF_8));
                }
            }
            options.setProxy(proxy);
        }
        if (job.target().userAgent() != null && !job.target().userAgent().isBlank()) {
            options.setUserAgent(job.target().userAgent());
        }
        return options;
    }
}
