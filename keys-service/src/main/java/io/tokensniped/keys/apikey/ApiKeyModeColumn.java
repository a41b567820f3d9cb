package io.tokensniped.keys.apikey;

import io.tokensniped.events.keys.ApiKeyMode;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the mode as the contract spells it ("live", "test"), which the table's check constraint enforces. */
@Converter
public class ApiKeyModeColumn implements AttributeConverter<ApiKeyMode, String> {

    @Override
    public String convertToDatabaseColumn(ApiKeyMode mode) {
        return mode == null ? null : mode.wireName();
    }

    @Override
    public ApiKeyMode convertToEntityAttribute(String column) {
        return column == null ? null : ApiKeyMode.valueOf(column.toUpperCase(java.util.Locale.ROOT));
    }
}
