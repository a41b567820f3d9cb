package io.tokensniped.lab;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A lab on a free port for the test class. */
abstract class RunningLab {

    static ChallengeLab lab;

    @BeforeAll
    static void startLab() throws Exception {
        lab = ChallengeLab.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }
}
