package io.tokensniped.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;

/**
 * What browsers get: the dashboard at / with security headers, and cross-origin API calls allowed only from the
 * configured origins ({@code %test}: https://app.customer.example).
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class BrowserSecurityTest {

    static final String ALLOWED = "https://app.customer.example";

    @Test
    void theDashboardIsServedWithSecurityHeaders() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<div id=\"app\"></div>"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "strict-origin-when-cross-origin")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Strict-Transport-Security", containsString("max-age="));
        // The docs' renderers compile schemas at run time: only their pages allow eval.
        given().get("/docs/").then().statusCode(200).body(containsString("<div id=\"docs\"></div>"))
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("script-src 'self' 'unsafe-eval';"));
    }

    @Test
    void onlyConfiguredOriginsMayCallTheApiFromABrowser() {
        given().header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-api-key,content-type")
                .options("/api/solve/turnstile").then()
                .header("Access-Control-Allow-Origin", equalTo(ALLOWED))
                .header("Access-Control-Allow-Credentials", equalTo("true"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/solve/turnstile").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").get("/api/health").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
