package io.tokensniped.support.targets;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Whether an address is on the public internet, as opposed to loopback, private, link-local or cloud metadata: the
 * rule both the solver (what a page may be opened on) and keys-service (what a verification may fetch) apply.
 */
public final class PublicAddress {

    private PublicAddress() {
    }

    /** True when every address the host resolves to is public; an unresolvable host is not. */
    public static boolean resolvesPublicOnly(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!is(address)) {
                    return false;
                }
            }
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public static boolean is(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 // "this network"
                    && !(first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 2) // documentation (TEST-NET-1)
                    && !(first == 198 && second == 51 && (b[2] & 0xff) == 100) // documentation (TEST-NET-2)
                    && !(first == 203 && second == 0 && (b[2] & 0xff) == 113) // documentation (TEST-NET-3)
                    && first < 224; // multicast and reserved
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc; // fc00::/7
            boolean mappedV4 = isV4Mapped(b);
            if (mappedV4) {
                try {
                    return is(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (java.net.UnknownHostException impossible) {
                    return false;
                }
            }
            return !uniqueLocal;
        }
        return false;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
