package io.tokensniped.solver.browser;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.options.Proxy;

import io.tokensniped.events.solve.SolveRequested;

/** A solve's context settings: the customer's proxy (with its credentials) and, for interstitials, their user agent. */
final class ContextOptions {

    private ContextOptions() {
    }

    static Browser.NewContextOptions forJob(SolveRequested job) {
        Browser.NewContextOptions options = new Browser.NewContextOptions();
        if (job.proxy() != null && !job.proxy().isBlank()) {
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
