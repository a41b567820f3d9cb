package io.tokensniped.system;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;

import io.tokensniped.localstack.infra.FreePorts;
import io.tokensniped.localstack.services.ServiceProcess;
import io.tokensniped.localstack.services.ServiceSpec;
import io.tokensniped.system.Customers.Customer;

/**
 * A platform whose operator set no payment provider's secrets (the services' defaults: there are none): a billing
 * instance started without them, behind a gateway of its own, on the running system's infrastructure. Health lists
 * both providers as not configured (not down), checkout is 503 PAYMENT_PROVIDER_NOT_CONFIGURED, and the dashboard says
 * so plainly instead of offering a button that fails.
 */
@Order(5)
class PaymentsNotConfiguredSystemTest {

    static final Duration READY = Duration.ofSeconds(120);
    static RunningSystem system;
    static ServiceProcess billing;
    static ServiceProcess gateway;
    static Browsers browsers;

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
        Path root = Path.of(System.getProperty("tokensniped.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of("target", "system-run", "logs").toAbsolutePath();
        Map<String, String> running = system.environmentOf("gateway-service");
        Map<String, String> env = new HashMap<>(SharedSystem.endpoints().asEnvironment());
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("TOKENSNIPED_INTERNAL_SECRET", running.get("TOKENSNIPED_INTERNAL_SECRET"));
        billing = ServiceProcess.start(new ServiceSpec("billing-service-unconfigured",
                root.resolve("billing-service/target/quarkus-app/quarkus-run.jar"), FreePorts.pick(), env), logs, "-Xmx192m");
        billing.awaitReady(READY);
        Map<String, String> gatewayEnv = new HashMap<>(env);
        for (String service : new String[]{"KEYS", "SOLVER", "HISTORY"}) {
            String name = "TOKENSNIPED_SERVICES_" + service + "_URL";
            gatewayEnv.put(name, running.get(name));
        }
        gatewayEnv.put("TOKENSNIPED_SERVICES_BILLING_URL", billing.url());
        gateway = ServiceProcess.start(new ServiceSpec("gateway-service-unconfigured",
                root.resolve("gateway-service/target/quarkus-app/quarkus-run.jar"), FreePorts.pick(), gatewayEnv), logs,
                "-Xmx192m");
        gateway.awaitReady(READY);
        browsers = Browsers.chromium();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) {
            browsers.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (billing != null) {
            billing.close();
        }
    }

    @Test
    void healthSaysNotConfiguredCheckoutIs503AndTheDashboardSaysSoPlainly() throws Exception {
        Customers.gw(gateway.url()).get("/api/health").then().statusCode(200)
                .body("services.billing", equalTo("up"))
                .body("payments.stripe", equalTo("not_configured")).body("payments.crypto", equalTo("not_configured"));

        Customer customer = Customers.funded(system);
        Customers.gw(gateway.url()).header("Authorization", "Bearer " + customer.token()).body("{\"packageId\":\"starter\"}")
                .post("/api/billing/checkout/stripe").then().statusCode(503)
                .body("error.code", equalTo("PAYMENT_PROVIDER_NOT_CONFIGURED"));

        Browser.NewContextOptions options = new Browser.NewContextOptions().setViewportSize(1280, 900);
        Page page = browsers.browser.newContext(options).newPage();
        page.navigate(gateway.url() + "/");
        page.locator("input[name=email]").fill(Customers.email(system.gatewayUrl, customer));
        page.locator("input[name=password]").fill(Customers.PASSWORD);
        page.locator("form button[type=submit]").click();
        page.navigate(gateway.url() + "/#/billing");
        assertThat(page.locator("[data-testid=not-configured-stripe]")).containsText("not configured");
        assertThat(page.locator("[data-testid=not-configured-crypto]")).containsText("not configured");
        assertThat(page.locator("[data-testid=package-starter] button")).hasCount(0);
        assertThat(page.locator("[data-testid=sandbox-notice]")).hasCount(0);
        assertThat(page.locator("[role=alert]")).hasCount(0);
    }
}
