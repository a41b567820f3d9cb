package io.tokensniped.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.tokensniped.localstack.infra.Endpoints;

/**
 * Reads (or clears) one counter in the run's Redis over its wire protocol (the system tests have no Redis client
 * otherwise).
 */
final class RedisProbe {

    private RedisProbe() {
    }

    /** The integer stored at {@code key}, 0 when absent. */
    static long counter(Endpoints endpoints, String key) throws IOException {
        try (Socket socket = new Socket(endpoints.redisHost(), endpoints.redisPort())) {
            BufferedReader in = send(socket, "GET", key);
            String header = in.readLine();
            if (header.startsWith("$-1")) {
                return 0;
            }
            return Long.parseLong(in.readLine().trim());
        }
    }

    /** Removes {@code key}: a counter whose window another test opened could otherwise expire in the middle of a test. */
    static void clear(Endpoints endpoints, String key) throws IOException {
        try (Socket socket = new Socket(endpoints.redisHost(), endpoints.redisPort())) {
            String reply = send(socket, "DEL", key).readLine();
            if (!reply.startsWith(":")) {
                throw new IOException("Redis answered DEL with " + reply);
            }
        }
    }

    private static BufferedReader send(Socket socket, String command, String key) throws IOException {
        OutputStream out = socket.getOutputStream();
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        out.write(("*2\r\n$" + command.length() + "\r\n" + command + "\r\n$" + name.length + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(name);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }
}
