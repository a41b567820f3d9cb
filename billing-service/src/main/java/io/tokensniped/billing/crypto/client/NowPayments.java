package io.tokensniped.billing.crypto.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tokensniped.billing.config.BillingConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * NOWPayments' API: {@code GET /v1/full-currencies}, {@code GET /v1/min-amount}, {@code POST /v1/payment} with the
 * {@code x-api-key} header, and IPN callbacks signed in {@code x-nowpayments-sig} with HMAC-SHA512 (the IPN secret)
 * over the body's JSON with its keys sorted.
 */
@ApplicationScoped
public class NowPayments implements CryptoPaymentProvider {

    private static final String HMAC = "HmacSHA512";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json;
    private final BillingConfig.Crypto settings;

    public NowPayments(ObjectMapper json, BillingConfig config) {
        // Amounts stay exact and are written back as the provider wrote them (plain decimals, as JavaScript does),
        // which the signature over the re-serialised body depends on.
        this.json = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        this.settings = config.crypto();
    }

    @Override
    public List<Currency> currencies() {
        JsonNode all = get("/v1/full-currencies").path("currencies");
        List<Currency> accepted = new ArrayList<>();
        for (JsonNode c : all) {
            String code = c.path("code").asText().toLowerCase(java.util.Locale.ROOT);
            if (settings.accepted().contains(code)) {
                JsonNode min = get("/v1/min-amount?currency_from=" + encode(code) + "&currency_to=usd&fiat_equivalent=usd");
                accepted.add(new Currency(code, c.path("name").asText(), c.path("network").asText(code),
                        min.path("fiat_equivalent").decimalValue()));
            }
        }
        return accepted;
    }

    @Override
    public Payment create(PaymentRequest request) {
        Map<String, Object> body = Map.of("price_amount", request.priceAmountUsd(), "price_currency", "usd",
                "pay_currency", request.payCurrency(), "order_id", request.orderId(),
                "order_description", request.description(), "ipn_callback_url", settings.ipnCallbackUrl());
        JsonNode p = send(HttpRequest.newBuilder(URI.create(settings.apiBase() + "/v1/payment"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
        JsonNode expiry = p.path("expiration_estimate_date");
        return new Payment(p.path("payment_id").asText(), p.path("payment_status").asText(), p.path("pay_address").asText(),
                p.path("pay_amount").decimalValue(), p.path("pay_currency").asText(),
                expiry.isTextual() ? OffsetDateTime.parse(expiry.asText()).toInstant() : null);
    }

    @Override
    public StatusUpdate verify(String body, String signature) {
        if (signature == null || body == null) {
            throw new InvalidSignature("the callback is not signed");
        }
        Map<String, Object> parsed;
        try {
            parsed = json.readValue(body, TreeMap.class);
        } catch (IOException e) {
            throw new InvalidSignature("the callback is not JSON");
        }
        byte[] expected = hmac(write(sorted(parsed)));
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(signature.trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSignature("the signature is not hex");
        }
        if (!MessageDigest.isEqual(expected, presented)) {
            throw new InvalidSignature("the signature does not verify");
        }
        return new StatusUpdate(String.valueOf(parsed.get("payment_id")), String.valueOf(parsed.get("payment_status")),
                String.valueOf(parsed.get("order_id")));
    }

    /** The provider signs the body with its keys sorted at every level. */
    @SuppressWarnings("unchecked")
    static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> ordered = new TreeMap<>();
            map.forEach((k, v) -> ordered.put(String.valueOf(k), sorted(v)));
            return ordered;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(NowPayments::sorted).toList();
        }
        return value;
    }

    private byte[] hmac(String payload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            // Callers check first that the provider is configured (PaymentProviders): there is no default secret.
            mac.init(new SecretKeySpec(settings.ipnSecret().orElseThrow().getBytes(StandardCharsets.UTF_8), HMAC));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(settings.apiBase() + path)).GET());
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.header("x-api-key", settings.apiKey().orElseThrow())
                    .timeout(settings.timeout()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ProviderUnavailable("the provider answered " + response.statusCode());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new ProviderUnavailable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("interrupted");
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The provider could not be reached or refused the request. */
    public static class ProviderUnavailable extends RuntimeException {

        public ProviderUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
