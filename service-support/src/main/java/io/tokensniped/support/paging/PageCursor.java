package io.tokensniped.support.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.tokensniped.support.error.ApiException;

/**
 * Where the next page of a newest-first list starts: the last item's creation time and id (the list's order), given
 * to clients as an opaque string ({@code nextCursor}) and taken back as {@code cursor}. The next page is the items
 * with {@code (createdAt, id)} below this one's.
 */
public record PageCursor(Instant createdAt, UUID id) {

    /** The opaque form: base64url of {@code <epoch millis>:<id>}. */
    public String encode() {
        String raw = createdAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor this API returned; anything else is 400 VALIDATION_ERROR. */
    public static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new PageCursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))),
                    UUID.fromString(raw.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw ApiException.invalid("cursor is not one this API returned");
        }
    }
}
