package io.tokensniped.support.taskprotocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The code's one table and the guide's one table are the same table. */
@Tag("fast")
class TaskProtocolErrorTest {

    static final Path GUIDE = Path.of("..", "docs", "guide", "switching-providers.md");
    static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| `([A-Z_]+)` \\|.*$", Pattern.MULTILINE);

    @Test
    void theGuidesTableIsTheEnumsTable() throws Exception {
        String guide = Files.readString(GUIDE);
        String table = guide.substring(guide.indexOf("<!-- task-protocol-errors:start -->"),
                guide.indexOf("<!-- task-protocol-errors:end -->"));
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        Map<String, String> coded = new LinkedHashMap<>();
        Arrays.stream(TaskProtocolError.values()).forEach(e -> coded.put(e.ourCode(), e.protocolCode()));
        assertEquals(coded, documented);
    }

    @Test
    void anUnknownCodeOfOursKeepsItsNamePrefixed() {
        assertEquals("TOKENSNIPED_CONFLICT", TaskProtocolError.protocolCodeOf("CONFLICT"));
        assertEquals("ERROR_CAPTCHA_UNSOLVABLE", TaskProtocolError.protocolCodeOf("INTERACTIVE_CHALLENGE"));
    }
}
