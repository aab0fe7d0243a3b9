package io.verity.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.util.List;

/**
 * A headless Chromium and its Playwright driver, closed together ({@link Browsers} launches it: the system's chromium,
 * never a browser Playwright would download).
 */
public final class Chromium implements AutoCloseable {

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Launches headless Chromium with {@code extraArgs} (fake camera flags, say); see {@link Browsers#chromium}. */
    public static Chromium launch(String... extraArgs) {
        Playwright playwright = Browsers.playwright();
        try {
            return new Chromium(playwright, Browsers.chromium(playwright, List.of(extraArgs)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
