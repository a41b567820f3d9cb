package io.tokensniped.support.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.tokensniped.support.error.ApiException;

@Tag("fast")
class PageCursorTest {

    @Test
    void aCursorReadsBackToTheSameTimeAndId() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-12-03T12:00:00.123Z"), UUID.randomUUID());
        assertEquals(cursor, PageCursor.decode(cursor.encode()));
    }

    @Test
    void theOpaqueFormIsUrlSafeWithoutPadding() {
        String encoded = new PageCursor(Instant.ofEpochMilli(1), UUID.fromString("00000000-0000-0000-0000-000000000001"))
                .encode();
        assertEquals("1:00000000-0000-0000-0000-000000000001",
                new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
        assertEquals(-1, encoded.indexOf('='));
    }

    @Test
    void anythingElseIsAValidationError() {
        for (String bad : new String[]{"not base64!", enc("no-colon"), enc("x:" + UUID.randomUUID()), enc("1:not-a-uuid"),
                ""}) {
            ApiException e = assertThrows(ApiException.class, () -> PageCursor.decode(bad), bad);
            assertEquals(400, e.status());
            assertEquals("VALIDATION_ERROR", e.code());
        }
    }

    private static String enc(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
