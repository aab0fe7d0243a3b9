package io.verity.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * axe-core on a page in the browser: no serious or critical violation. axe-core comes from npm, installed by the
 * module's build into {@code target/npm} (the {@code npm-install-axe-core} execution), never at run time.
 */
public final class Accessibility {

    private static final Path AXE = Path.of("target/npm/node_modules/axe-core/axe.min.js");

    private Accessibility() {
    }

    @SuppressWarnings("unchecked")
    public static void assertNoSeriousViolations(Page page) {
        if (!Files.isRegularFile(AXE)) {
            throw new IllegalStateException(AXE.toAbsolutePath() + " is missing: the build installs axe-core (npm)");
        }
        page.addScriptTag(new Page.AddScriptTagOptions().setPath(AXE));
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate(
                "async () => (await axe.run(document)).violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
                        + "nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))");
        List<Map<String, Object>> serious = violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))).toList();
        assertThat(serious).as("serious or critical axe-core violations on " + page.url()).isEmpty();
    }
}
