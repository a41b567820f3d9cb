package io.tokensniped.localstack;

import java.security.SecureRandom;

/** The account and live API key the local stack seeds, fresh for every run, so the README's curl works at once. */
public record DemoAccount(String email, String password, String apiKey) {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int SECRET_LENGTH = 40;

    public static DemoAccount generate() {
        return new DemoAccount("demo@tokensniped.local", "demo-" + randomBase62(12), "sk_live_" + randomBase62(SECRET_LENGTH));
    }

    static String randomBase62(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return out.toString();
    }

    /** A secret the services share to tell the gateway's forwarded calls from anyone else's. */
    public static String internalSecret() {
        return randomBase62(48);
    }
}
