package io.tokensniped.localstack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Picks ports the OS reports free on loopback, so parallel stacks and test runs never collide. */
public final class FreePorts {

    private FreePorts() {
    }

    /** Ports below the kernel's ephemeral range start here (above the well-known and common service ports). */
    static final int LOWEST = 20000;
    static final int ATTEMPTS = 200;

    /**
     * A free port below the kernel's ephemeral range when there is room: a port the OS hands out as ephemeral may be
     * taken by some process's outgoing connection between this pick and the service binding it (seen: a solver
     * started by a test found its port in use).
     */
    public static int pick() {
        int ephemeralStart = ephemeralRangeStart();
        for (int i = 0; i < ATTEMPTS && ephemeralStart > LOWEST; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
            if (isFree(port)) {
                return port;
            }
        }
        return anyFree();
    }

    /** The first port of net.ipv4.ip_local_port_range; 0 when it cannot be read (then any free port is used). */
    static int ephemeralRangeStart() {
        try {
            // Read as lines: Files.readString returned only the first byte of this procfs file here.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
