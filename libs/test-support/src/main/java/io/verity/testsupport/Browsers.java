package io.verity.testsupport;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Headless Debian chromium driven by Playwright for Java, for the web pages' tests. Playwright never downloads a
 * browser ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}); the executable is {@code $VERITY_CHROMIUM}, else
 * {@code /usr/bin/chromium} ({@code apt-get install chromium}, as .ci/run does). Accessibility checks run axe-core,
 * which {@code bin/fetch-axe} fetched at build time (npm, pinned and checked), served to the page by Playwright from
 * that file; nothing is fetched from the network at run time.
 */
public final class Browsers {

    /** Impacts that fail an accessibility check. */
    private static final List<String> BLOCKING = List.of("serious", "critical");

    private Browsers() {
    }

    public static Path chromiumExecutable() {
        Path chromium = Path.of(System.getenv().getOrDefault("VERITY_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException(chromium + " is missing: install Debian's chromium (apt-get install -y chromium) "
                    + "or set VERITY_CHROMIUM to a Chromium executable");
        }
        return chromium;
    }

    /** Playwright's driver, told never to download browsers. Close it after use. */
    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Headless chromium with {@code extraArgs}. */
    public static Browser chromium(Playwright playwright, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of("--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"));
        args.addAll(extraArgs);
        return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromiumExecutable())
                .setHeadless(true).setArgs(args));
    }

    /**
     * Chromium's fake camera playing {@code y4m} in a loop, permission prompts accepted. The file is opened each time
     * a page opens the camera, so a test can replace it (atomically, {@link Y4m#write}) between two openings.
     */
    public static List<String> fakeCamera(Path y4m) {
        return List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + y4m.toAbsolutePath());
    }

    /** axe-core's script, as bin/fetch-axe cached it ($VERITY_WEB_TOOLS_DIR, else ~/.cache/verity/web). */
    public static Path axeScript() {
        String dir = System.getenv("VERITY_WEB_TOOLS_DIR");
        Path base = dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"), "verity", "web");
        Path script = base.resolve("axe.min.js");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " is missing: run bin/fetch-axe (the build of a module with browser tests runs it)");
        }
        return script;
    }

    /**
     * The serious and critical accessibility violations axe-core finds on the page as it is now (WCAG 2.1 A and AA
     * rules and best practices), one line each: rule, impact, and the selectors of the offending elements.
     */
    public static List<String> accessibilityViolations(Page page) {
        // served as if from the page's own origin, so that a strict Content-Security-Policy (script-src 'self') admits it
        URI at = URI.create(page.url());
        String url = at.getScheme() + "://" + at.getRawAuthority() + "/__verity-test/axe.min.js";
        Path script = axeScript();
        page.route(url, route -> route.fulfill(new Route.FulfillOptions().setPath(script).setContentType("text/javascript")));
        page.addScriptTag(new Page.AddScriptTagOptions().setUrl(url));
        Object result = page.evaluate("async () => JSON.stringify((await axe.run(document, {resultTypes: ['violations']})).violations"
                + ".map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' '))})))");
        JsonArray violations = JsonParser.parseString(result.toString()).getAsJsonArray();
        List<String> blocking = new ArrayList<>();
        for (JsonElement element : violations) {
            JsonObject v = element.getAsJsonObject();
            String impact = v.get("impact").isJsonNull() ? "" : v.get("impact").getAsString();
            if (BLOCKING.contains(impact)) {
                blocking.add(v.get("id").getAsString() + " (" + impact + "): " + v.get("help").getAsString() + " " + v.get("targets"));
            }
        }
        return blocking;
    }
}
