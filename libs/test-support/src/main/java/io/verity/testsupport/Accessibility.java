package io.verity.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;

/** axe-core on a page in the browser ({@link Browsers#accessibilityViolations}): no serious or critical violation. */
public final class Accessibility {

    private Accessibility() {
    }

    public static void assertNoSeriousViolations(Page page) {
        assertThat(Browsers.accessibilityViolations(page)).as("serious or critical axe-core violations on " + page.url())
                .isEmpty();
    }
}
