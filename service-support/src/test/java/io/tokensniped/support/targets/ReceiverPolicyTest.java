package io.tokensniped.support.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Only public https receivers, or an operator's exact origin; every spelling of an internal address is refused. */
@Tag("fast")
class ReceiverPolicyTest {

    final ReceiverPolicy none = new ReceiverPolicy(OperatorOrigins.none());
    final ReceiverPolicy sandbox = new ReceiverPolicy(OperatorOrigins.of(List.of("http://127.0.0.1:9555")));

    @Test
    void internalAddressesAreRefusedHoweverTheyAreSpelt() {
        for (String url : List.of("https://127.0.0.1/", "https://localhost/", "https://127.1/", "https://2130706433/",
                "https://0x7f000001/", "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://0.0.0.0/",
                "https://10.0.0.1/", "https://172.16.5.4/", "https://192.168.0.10/", "https://169.254.169.254/",
                "https://100.64.0.1/", "https://[fd00::1]/", "https://[fe80::1]/")) {
            assertThrows(ReceiverPolicy.Refused.class, () -> none.accept(url), url);
        }
    }

    @Test
    void plainHttpAndOtherSchemesAndCredentialsAreRefused() {
        for (String url : List.of("http://93.184.215.14/", "ftp://93.184.215.14/", "https://u:p@93.184.215.14/",
                "//93.184.215.14/", "https://93.184.215.14/#x", "", "x".repeat(3000))) {
            assertThrows(ReceiverPolicy.Refused.class, () -> none.accept(url), url);
        }
    }

    @Test
    void aPublicHttpsAddressIsAcceptedAndConnectedToAsChecked() throws Exception {
        ReceiverPolicy.Target target = none.resolve(URI.create("https://93.184.215.14/hooks?x=1"));
        assertEquals("93.184.215.14", target.address().getHostAddress());
        assertEquals(443, target.port());
    }

    @Test
    void theOperatorAllowsExactOriginsOnlyNeverOtherPortsOfThatAddress() throws Exception {
        assertEquals(9555, sandbox.resolve(URI.create("http://127.0.0.1:9555/hook")).port());
        assertThrows(ReceiverPolicy.Refused.class, () -> sandbox.accept("http://127.0.0.1:5432/"));
        assertThrows(ReceiverPolicy.Refused.class, () -> sandbox.accept("https://127.0.0.1:9555/"));
        assertThrows(ReceiverPolicy.Refused.class, () -> none.accept("http://127.0.0.1:9555/hook"));
    }
}
