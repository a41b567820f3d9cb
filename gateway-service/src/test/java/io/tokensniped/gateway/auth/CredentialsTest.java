package io.tokensniped.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which credential a request presents, from its x-api-key and Authorization headers and its session cookie. */
@Tag("fast")
class CredentialsTest {

    private static final String KEY = "sk_live_abc123";
    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";

    @Test
    void theApiKeyHeaderIsAnApiKey() {
        Credentials c = Credentials.parse(KEY, null, null);
        assertTrue(c.presentsApiKey());
        assertEquals(KEY, c.apiKey());
        assertNull(c.sessionToken());
    }

    @Test
    void aBearerTokenStartingLikeAKeyIsAnApiKey() {
        Credentials c = Credentials.parse(null, "Bearer " + KEY + "  ", null);
        assertEquals(KEY, c.apiKey());
        assertNull(c.sessionToken());
    }

    @Test
    void anyOtherBearerTokenIsASession() {
        Credentials c = Credentials.parse(null, "Bearer " + JWT, null);
        assertFalse(c.presentsApiKey());
        assertEquals(JWT, c.sessionToken());
    }

    @Test
    void theSessionCookieIsASession() {
        Credentials c = Credentials.parse(null, null, JWT);
        assertFalse(c.presentsApiKey());
        assertEquals(JWT, c.sessionToken());
    }

    @Test
    void theHeaderKeyWinsOverABearerKey() {
        assertEquals(KEY, Credentials.parse(KEY, "Bearer sk_test_other", null).apiKey());
    }

    @Test
    void aBearerTokenWinsOverTheCookie() {
        assertEquals(JWT, Credentials.parse(null, "Bearer " + JWT, "cookie-token").sessionToken());
    }

    @Test
    void anEmptyKeyHeaderStillPresentsAKeySoItIsRefusedRatherThanIgnored() {
        Credentials c = Credentials.parse("", null, null);
        assertTrue(c.presentsApiKey());
        assertEquals("", c.apiKey());
    }

    @Test
    void aBearerKeyOfTheWrongShapeIsStillAKeySoItIsRefusedAsMalformed() {
        assertEquals("sk_nope", Credentials.parse(null, "Bearer sk_nope", null).apiKey());
    }

    @Test
    void anAuthorizationHeaderOfAnotherSchemeIsNoCredential() {
        Credentials c = Credentials.parse(null, "Basic dXNlcjpwYXNz", null);
        assertFalse(c.presentsApiKey());
        assertNull(c.sessionToken());
    }

    @Test
    void theSchemeIsCaseSensitiveAndNeedsItsSpace() {
        assertNull(Credentials.parse(null, "bearer " + KEY, null).apiKey());
        assertNull(Credentials.parse(null, "bearer " + JWT, null).sessionToken());
        assertNull(Credentials.parse(null, "Bearer" + KEY, null).apiKey());
    }

    @Test
    void anEmptyBearerTokenIsAnEmptySessionTokenThatFailsVerification() {
        assertEquals("", Credentials.parse(null, "Bearer   ", null).sessionToken());
    }

    @Test
    void aBlankCookieIsNoCredential() {
        assertNull(Credentials.parse(null, null, "  ").sessionToken());
    }

    @Test
    void nothingPresentedIsNoCredential() {
        Credentials c = Credentials.parse(null, null, null);
        assertFalse(c.presentsApiKey());
        assertNull(c.sessionToken());
    }

    @Test
    void aKeyOrTokenInTheQueryIsSpotted() {
        assertTrue(Credentials.keyInQuery("api_key=x"));
        assertTrue(Credentials.keyInQuery("async=true&apikey=x"));
        assertTrue(Credentials.keyInQuery("x-api-key=x"));
        assertTrue(Credentials.keyInQuery("token=x"));
        assertTrue(Credentials.keyInQuery("q=sk_test_abc"));
        assertFalse(Credentials.keyInQuery("async=true"));
        assertFalse(Credentials.keyInQuery("monkey=1"));
        assertFalse(Credentials.keyInQuery(null));
    }
}
