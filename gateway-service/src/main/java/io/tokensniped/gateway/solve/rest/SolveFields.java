package io.tokensniped.gateway.solve.rest;

/** Validation rules the three solve requests share. */
final class SolveFields {

    static final int MAX_URL = 2048;
    static final String HTTP_URL = "^(?i)https?://[^\\s/?#@]+(?::\\d{1,5})?(?:[/?#]\\S*)?$";
    static final String HTTP_URL_MESSAGE = "must be an absolute http or https URL";
    static final String PROXY = "^(?i)(http|https|socks5)://(?:[^\\s:@/]+:[^\\s@/]+@)?[^\\s:@/]+:\\d{1,5}$";
    static final String PROXY_MESSAGE = "must be scheme://[user:pass@]host:port with scheme http, https or socks5";

    static final int MAX_USER_AGENT = 512;
    static final String PRINTABLE = "^[\\x20-\\x7E]*$";
    static final String PRINTABLE_MESSAGE = "must be printable ASCII";

    private SolveFields() {
    }
}
