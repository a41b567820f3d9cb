package io.tokensniped.events.solve;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the page issued. The JSON has no discriminator (it is the contract's {@code solution} object as is);
 * the three shapes are told apart by their fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
        @JsonSubTypes.Type(Solution.Turnstile.class),
        @JsonSubTypes.Type(Solution.Geetest.class),
        @JsonSubTypes.Type(Solution.Interstitial.class)
})
public sealed interface Solution {

    record Turnstile(String token, String userAgent) implements Solution {
    }

    record Geetest(String captchaId, String lotNumber, String captchaOutput, String passToken, String genTime)
            implements
                Solution {
    }

    record Interstitial(List<Cookie> cookies, String userAgent, String finalUrl, int statusCode) implements Solution {
    }

    record Cookie(String name, String value, String domain, String path, double expires, boolean httpOnly,
            boolean secure, String sameSite) {
    }
}
