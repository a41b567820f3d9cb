package io.tokensniped.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.tokensniped.localstack.infra.Endpoints;

/** Reads one counter from the run's Redis over its wire protocol (the system tests have no Redis client otherwise). */
final class RedisProbe {

    private RedisProbe() {
    }

    /** The integer stored at {@code key}, 0 when absent. */
    static long counter(Endpoints endpoints, String key) throws IOException {
        try (Socket socket = new Socket(endpoints.redisHost(), endpoints.redisPort())) {
            OutputStream out = socket.getOutputStream();
            byte[] name = key.getBytes(StandardCharsets.UTF_8);
            out.write(("*2\r\n$3\r\nGET\r\n$" + name.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(name);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String header = in.readLine();
            if (header.startsWith("$-1")) {
                return 0;
            }
            return Long.parseLong(in.readLine().trim());
        }
    }
}
