package io.tokensniped.events.json;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The contract's JSON conventions that Jackson does not default to: instants are ISO-8601 UTC with exactly three
 * fraction digits ({@code 2026-11-28T14:15:22.123Z}). Every service registers it, for API bodies and events alike.
 */
public class ContractJsonModule extends SimpleModule {

    static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    public ContractJsonModule() {
        super("tokensniped-contract");
        addSerializer(Instant.class, new StdSerializer<>(Instant.class) {

            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(MILLIS.format(value));
            }
        });
    }
}
