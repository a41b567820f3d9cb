package io.tokensniped.support.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The error codes in code are the contract's error table plus the ones docs/api-extensions.md says we added. */
@Tag("fast")
class ErrorCodeTest {

    private static final Path CONTRACT = Path.of("../../shared/api/README.md");
    private static final Path EXTENSIONS = Path.of("../docs/api-extensions.md");
    private static final Pattern ROW = Pattern.compile("^\\| (\\d{3}) \\| (.+?) \\|.*$", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([A-Z_]+)`");
    private static final Pattern SOLVER_CODES = Pattern.compile("Solver error codes:([^.]*)\\.");

    @Test
    void everyCodeOfTheContractsErrorTableIsAnErrorCodeWithItsStatus() throws IOException {
        String contract = Files.readString(CONTRACT);
        Set<String> solverCodes = codes(solverCodeList(contract));
        Map<String, Integer> table = codesByStatus(contract);
        assertTrue(table.containsKey("VALIDATION_ERROR") && table.containsKey("RATE_LIMITED"), "table read: " + table);
        table.forEach((code, status) -> {
            if (solverCodes.contains(code) && !code.equals(ErrorCode.SOLVER_UNAVAILABLE.name())) {
                return; // a failed solve's code: SolveErrorResponse, not ErrorResponse
            }
            assertEquals(status, ErrorCode.valueOf(code).status(), code);
        });
    }

    @Test
    void everyErrorCodeIsTheContractsOrDocumentedAsAdded() throws IOException {
        Map<String, Integer> documented = new LinkedHashMap<>(codesByStatus(Files.readString(CONTRACT)));
        documented.putAll(codesByStatus(Files.readString(EXTENSIONS)));
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code.status(), documented.get(code.name()), code + " in the contract or docs/api-extensions.md");
        }
    }

    @Test
    void anExceptionAnswersWithItsCodesStatus() {
        assertEquals(429, ApiException.rateLimited("slow down", 3).status());
        assertEquals("RATE_LIMITED", ApiException.rateLimited("slow down", 3).code());
        assertEquals(3, ApiException.rateLimited("slow down", 3).retryAfterSeconds());
        assertEquals(404, ApiException.notFound("key").status());
        assertEquals("key not found", ApiException.notFound("key").getMessage());
    }

    private static String solverCodeList(String contract) {
        Matcher m = SOLVER_CODES.matcher(contract);
        assertTrue(m.find(), "the contract lists the solver error codes");
        return m.group(1);
    }

    private static Map<String, Integer> codesByStatus(String markdown) {
        Map<String, Integer> found = new LinkedHashMap<>();
        Matcher rows = ROW.matcher(markdown);
        while (rows.find()) {
            int status = Integer.parseInt(rows.group(1));
            codes(rows.group(2)).forEach(code -> found.put(code, status));
        }
        return found;
    }

    private static Set<String> codes(String text) {
        return CODE.matcher(text).results().map(m -> m.group(1)).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
