package io.tokensniped.events.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The solver error codes are exactly the contract's, each with the status its error table gives. */
@Tag("fast")
class SolveErrorCodeTest {

    private static final Path CONTRACT = Path.of("../../shared/api/README.md");

    @Test
    void theCodesAreTheContractsSolverCodes() throws IOException {
        Matcher list = Pattern.compile("Solver error codes:([^.]*)\\.").matcher(Files.readString(CONTRACT));
        assertTrue(list.find(), "the contract lists the solver error codes");
        Set<String> contract = Pattern.compile("`([A-Z_]+)`").matcher(list.group(1)).results().map(m -> m.group(1))
                .collect(Collectors.toSet());
        assertEquals(contract, Arrays.stream(SolveErrorCode.values()).map(Enum::name).collect(Collectors.toSet()));
    }

    @Test
    void eachIsAnsweredWithTheStatusOfTheContractsErrorTable() {
        assertEquals(504, SolveErrorCode.SOLVE_TIMEOUT.status());
        assertEquals(503, SolveErrorCode.SOLVER_UNAVAILABLE.status());
        for (SolveErrorCode code : SolveErrorCode.values()) {
            if (code != SolveErrorCode.SOLVE_TIMEOUT && code != SolveErrorCode.SOLVER_UNAVAILABLE) {
                assertEquals(502, code.status(), code.name());
            }
        }
    }
}
