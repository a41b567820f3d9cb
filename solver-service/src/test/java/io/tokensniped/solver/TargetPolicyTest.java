package io.tokensniped.solver;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tokensniped.events.Topics;
import io.tokensniped.events.targets.TargetHostEvent;
import io.tokensniped.events.targets.TargetHostRemoved;
import io.tokensniped.events.targets.TargetHostVerified;
import io.tokensniped.localstack.testing.LocalInfrastructureTestResource;
import io.tokensniped.localstack.testing.TestKafka;
import io.tokensniped.solver.engine.SolveFailure;
import io.tokensniped.solver.policy.TargetPolicy;
import io.tokensniped.solver.policy.VerifiedHosts;
import jakarta.inject.Inject;

/**
 * Verified hosts arrive from keys-service over Kafka and open exactly those hosts to their account, never private
 * addresses. Only the policy is exercised: IP literals resolve without DNS and nothing is navigated to.
 */
@QuarkusTest
@QuarkusTestResource(LocalInfrastructureTestResource.class)
class TargetPolicyTest {

    @Inject
    TargetPolicy policy;
    @Inject
    VerifiedHosts verifiedHosts;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    void publish(TargetHostEvent event) throws Exception {
        TestKafka.publish(kafka, Topics.VERIFIED_HOSTS, event.recordKey(), json.writeValueAsString(event));
    }

    void awaitVerified(UUID account, String host, boolean expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (verifiedHosts.verified(account, host) != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertEquals(expected, verifiedHosts.verified(account, host));
    }

    String refusal(String url, UUID account) {
        return assertThrows(SolveFailure.class, () -> policy.check(url, account)).code().name();
    }

    @Test
    void aVerifiedPublicHostIsOpenToItsAccountOnly() throws Exception {
        UUID account = UUID.randomUUID();
        assertEquals("TARGET_NOT_ALLOWED", refusal("https://198.51.100.7/login", account));
        publish(new TargetHostVerified(UUID.randomUUID(), Instant.now(), account, "198.51.100.7"));
        publish(new TargetHostVerified(UUID.randomUUID(), Instant.now(), account, "8.8.4.4:8443"));
        awaitVerified(account, "8.8.4.4:8443", true);

        // 198.51.100.0/24 is documentation space, not public: even verified, it is refused.
        assertEquals("TARGET_NOT_ALLOWED", refusal("https://198.51.100.7/login", account));
        assertDoesNotThrow(() -> policy.check("https://8.8.4.4:8443/login", account));
        assertEquals("TARGET_NOT_ALLOWED", refusal("https://8.8.4.4/login", account), "another port is another authority");
        assertEquals("TARGET_NOT_ALLOWED", refusal("https://8.8.4.4:8443/login", UUID.randomUUID()), "another account");

        publish(new TargetHostRemoved(UUID.randomUUID(), Instant.now(), account, "8.8.4.4:8443"));
        awaitVerified(account, "8.8.4.4:8443", false);
        assertEquals("TARGET_NOT_ALLOWED", refusal("https://8.8.4.4:8443/login", account));
    }

    @Test
    void privateAndMetadataAddressesStayRefusedEvenWhenVerified() throws Exception {
        UUID account = UUID.randomUUID();
        for (String host : new String[]{"10.1.2.3", "169.254.169.254", "192.168.0.10", "172.16.5.4", "100.64.0.1"}) {
            publish(new TargetHostVerified(UUID.randomUUID(), Instant.now(), account, host));
        }
        awaitVerified(account, "100.64.0.1", true);
        for (String url : new String[]{"http://10.1.2.3/", "http://169.254.169.254/latest/meta-data", "http://192.168.0.10/",
                "http://172.16.5.4/", "http://100.64.0.1/", "http://[fd00::1]/", "ftp://8.8.4.4/"}) {
            assertEquals("TARGET_NOT_ALLOWED", refusal(url, account), url);
        }
    }

    @Test
    void theOperatorAllowsExactlyTheLabsOriginNotOtherPortsOrSpellingsOfLoopback() {
        java.net.URI allowed = java.net.URI.create(LabResource.lab().baseUrl());
        UUID account = UUID.randomUUID();
        assertDoesNotThrow(() -> policy.check(allowed + "/turnstile/demo", account));
        for (String url : new String[]{"http://127.0.0.1:5432/", "http://127.0.0.1:6379/", "http://127.0.0.1/",
                "https://127.0.0.1:" + allowed.getPort() + "/", "http://localhost:" + allowed.getPort() + "/",
                "http://2130706433:" + allowed.getPort() + "/", "http://0x7f000001/", "http://127.1/",
                "http://[::ffff:127.0.0.1]/", "http://localhost./", "http://[::1]/", "http://0.0.0.0/"}) {
            assertEquals("TARGET_NOT_ALLOWED", refusal(url, account), url);
        }
        assertEquals(true, policy.egress("127.0.0.1", allowed.getPort()).allowed());
        assertEquals(false, policy.egress("127.0.0.1", 5432).allowed(), "another port of the allowed address");
        assertEquals(false, policy.egress("localhost", allowed.getPort()).allowed(), "loopback by another name");
    }
}
