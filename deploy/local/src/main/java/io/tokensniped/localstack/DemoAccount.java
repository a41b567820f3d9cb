package io.tokensniped.localstack;

/** The account and live API key the local stack seeds, fresh for every run, so the README's curl works at once. */
public record DemoAccount(String email, String password, String apiKey) {

    private static final int SECRET_LENGTH = 40;
    private static final int PASSWORD_LENGTH = 12;
    private static final int INTERNAL_SECRET_LENGTH = 48;

    public static DemoAccount generate() {
        return new DemoAccount("demo@tokensniped.local", "demo-" + RandomSecrets.base62(PASSWORD_LENGTH),
                "sk_live_" + RandomSecrets.base62(SECRET_LENGTH));
    }

    /** A secret the services share to tell the gateway's forwarded calls from anyone else's. */
    public static String internalSecret() {
        return RandomSecrets.base62(INTERNAL_SECRET_LENGTH);
    }
}
