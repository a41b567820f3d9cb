package io.tokensniped.gateway.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Redis Lua scripts shipped as resources: each check-and-change runs atomically in one round trip. */
public final class LuaScripts {

    private LuaScripts() {
    }

    public static String load(String resource) {
        try (InputStream in = LuaScripts.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing " + resource, e);
        }
    }
}
