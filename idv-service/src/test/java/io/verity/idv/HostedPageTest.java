package io.verity.idv;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static io.verity.idv.Idv.backend;
import static io.verity.idv.Idv.createSession;
import static io.verity.idv.Idv.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.verity.documents.tools.AamvaFixtures;
import io.verity.documents.tools.Photos;
import io.verity.idv.rest.HostedPageResource;
import io.verity.testsupport.Browsers;
import io.verity.testsupport.TestTenants;
import io.verity.testsupport.Y4m;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The hosted page in headless Chromium, against the real services: the fake camera plays videos built from real
 * photos (a generated US licence with a real face, its PDF417 back, and the same person looking ahead and turning his
 * head in the order the challenge asks), and the page reaches "verified". axe-core checks every step; screenshots of
 * the steps go to target/hosted-screenshots (copied to docs/hosted).
 */
@QuarkusTest
class HostedPageTest {

    /**
     * How long the video shows each pose: the page takes a frame after a second of stillness (after a movement, for a
     * turn), so each pose has room for a slow machine's delays.
     */
    private static final double SHOT_SECONDS = 4;
    private static final Path SCREENSHOTS = Path.of("target/hosted-screenshots");
    private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(120_000);

    @Inject
    TestTenants tenants;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aUserGoesThroughTheHostedPageWithTheCameraAndTheKeyboardAndIsVerified() throws IOException {
        TestTenants.Tenant tenant = tenants.create("hosted");
        String session = createSession(tenant, "passive_active", Map.of("metadata", Map.of("user_id", "u-hosted")));
        AamvaFixtures.Holder holder = AamvaFixtures.sample("USA");
        BufferedImage front = Photos.licenceFront(holder, image(face("obama/obama-3.jpg")));
        BufferedImage back = image(Photos.licenceBackJpeg(holder));
        Path videos = Files.createTempDirectory("hosted-camera");
        Path camera = videos.resolve("camera.y4m");
        Y4m.write(camera, 1300, 820, 5, List.of(Y4m.Shot.whole(front, 2)));
        Files.createDirectories(SCREENSHOTS);
        List<String> errors = Collections.synchronizedList(new ArrayList<>());

        try (Playwright playwright = Browsers.playwright();
                Browser browser = Browsers.chromium(playwright, Browsers.fakeCamera(camera));
                BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(390, 844).setIsMobile(true).setHasTouch(true)
                        .setGeolocation(48.8566, 2.3522).setPermissions(List.of("geolocation", "camera")))) {
            Page page = context.newPage();
            page.onPageError(errors::add);
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    errors.add(m.text());
                }
            });
            page.navigate(base + "verify/" + session + "?client_id=" + tenant.clientId());

            // 1. consent, with the keyboard only
            Locator title = page.locator("h1");
            assertThat(title).hasText("Verify your identity");
            check(page, "1-consent");
            page.keyboard().press("Tab");
            assertThat(page.locator("#verity-consent")).isFocused();
            page.keyboard().press("Space");
            page.keyboard().press("Tab");
            page.keyboard().press("Enter");

            // 2. document type, with the keyboard: the first choice (driver's licence) is selected
            assertThat(title).hasText("Which document will you use?");
            assertThat(page.locator("#verity-type-driver_license")).isChecked();
            check(page, "2-document-type");
            page.keyboard().press("Tab");
            page.keyboard().press("Tab");
            page.keyboard().press("Enter");

            // 3. front: the camera shows the licence's front; the next opening of the camera will show its back
            assertThat(title).hasText("Photograph the front of your driver's licence");
            Locator take = button(page, "Take photo");
            assertThat(take).isEnabled();
            check(page, "3-document-front");
            Y4m.write(camera, 1300, 820, 5, List.of(Y4m.Shot.whole(back, 2)));
            take.click();

            // 4. back
            assertThat(title).hasText("Photograph the back of your driver's licence");
            assertThat(take).isEnabled();
            page.waitForTimeout(500); // a few frames of the new video in the preview, for the screenshot
            check(page, "4-document-back");
            take.click();

            // 5. liveness, first a still photo: nothing moves, so the user takes the turns by hand; the server refuses
            // them (no head turn) and the page offers a new attempt
            assertThat(title).hasText("Selfie check");
            Locator start = button(page, "Start");
            assertThat(start).isEnabled();
            Y4m.write(camera, 960, 960, 5, List.of(Y4m.Shot.filling(image(face("obama/obama-1.jpg")), SHOT_SECONDS)));
            start.click();
            Locator now = button(page, "Take the photo now");
            Locator guidance = page.locator(".verity-guidance");
            for (int turn = 0; turn < 2; turn++) {
                assertThat(guidance).containsText("Slowly turn your head", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
                String shown = guidance.textContent();
                assertThat(shown).isIn(List.of("Slowly turn your head to your left", "Slowly turn your head to your right"));
                now.click();
                assertThat(guidance).not().hasText(shown);
            }
            assertThat(title).hasText("We could not confirm the selfie check", SLOW);
            check(page, "8-liveness-retry");
            button(page, "Try again").click();

            // then the real thing: the page shows the new challenge before the camera opens; the video follows it
            assertThat(title).hasText("Selfie check");
            assertThat(start).isEnabled();
            String challenge = page.locator("section[data-challenge]").getAttribute("data-challenge");
            assertThat(challenge.split(",")).containsExactlyInAnyOrder("turn_left", "turn_right");
            check(page, "5-liveness-intro");
            List<Y4m.Shot> shots = new ArrayList<>(List.of(Y4m.Shot.filling(image(face("obama/obama-1.jpg")), SHOT_SECONDS)));
            for (String step : challenge.split(",")) {
                shots.add(Y4m.Shot.filling(image(face(step.equals("turn_left") ? "obama/obama-4.jpg" : "obama/obama-2.jpg")), SHOT_SECONDS));
            }
            Y4m.write(camera, 960, 960, 5, shots);
            start.click();
            assertThat(guidance).hasText(challenge.startsWith("turn_left") ? "Slowly turn your head to your left"
                    : "Slowly turn your head to your right", new LocatorAssertions.HasTextOptions().setTimeout(15_000));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("6-liveness-guidance.png")));

            // 6. the result
            assertThat(title).hasText("You are verified", SLOW);
            assertThat(page.locator("#verity")).hasAttribute("data-result", "verified");
            check(page, "7-verified");
        } finally {
            Files.deleteIfExists(camera);
            Files.deleteIfExists(videos);
        }
        assertThat(errors).as("errors in the page").isEmpty();

        backend(tenant, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("status_e", equalTo("complete"))
                .body("verified", equalTo(true))
                .body("document_type_e", equalTo("driver_license"))
                .body("history.event", hasItems("consented", "document_type_updated", "document_front_added",
                        "document_back_added", "liveness_session_generated", "liveness_failed", "liveness_passed", "finalized"))
                .body("history.outcome", everyItem(equalTo("accepted")));
        Idv.sdk(tenant, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("sdk_metadata.sdk", equalTo("verity-js"))
                .body("sdk_metadata.sdk_version", equalTo(HostedPageResource.SDK_VERSION))
                .body("sdk_metadata.screen", equalTo("390x844"));
        backend(tenant, "sessions/tests/read", Map.of("session_id", session)).statusCode(200)
                .body("checks.find { it.name == 'face_match' }.passed", equalTo(true))
                .body("checks.find { it.name == 'liveness' }.passed", equalTo(true))
                .body("liveness_frames.size()", equalTo(3));
        backend(tenant, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("history.findAll { it.event == 'liveness_session_generated' }.size()", equalTo(2));
        backend(tenant, "sessions/location/read", Map.of("session_id", session, "location_capture_type_e", "selfie_image_capture"))
                .statusCode(200).body("device_locality", startsWith("Paris")).body("device_country_code", equalTo("FR"));
    }

    @Test
    void anotherClientsIdOpensNothingAndThePageHoldsNoSecret() {
        TestTenants.Tenant owner = tenants.create("hosted-owner");
        TestTenants.Tenant other = tenants.create("hosted-other");
        String session = createSession(owner, "passive", Map.of());
        String html = given().get("/verify/" + session + "?client_id=" + other.clientId()).then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Cache-Control", equalTo("no-store"))
                .body(containsString("/sdk/verity-sdk-" + HostedPageResource.SDK_VERSION + ".js"))
                .body(not(containsString(owner.apiKey())))
                .extract().asString();
        assertThat(html).contains("data-session-id=\"" + session + "\"");
        given().get("/verify/not-a-session").then().statusCode(404);
        given().get("/sdk/verity-sdk-" + HostedPageResource.SDK_VERSION + ".js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("export const VERSION = '" + HostedPageResource.SDK_VERSION + "';"));

        try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.chromium(playwright, List.of())) {
            Page page = browser.newPage();
            page.navigate(base + "verify/" + session + "?client_id=" + other.clientId());
            assertThat(page.locator("h1")).hasText("We cannot open this verification");
            assertThat(page.locator("#verity")).hasAttribute("data-result", "invalid");
            page.navigate(base + "verify/" + UUID.randomUUID() + "?client_id=" + owner.clientId());
            assertThat(page.locator("h1")).hasText("We cannot open this verification");
            page.navigate(base + "verify/" + session);
            assertThat(page.locator("h1")).hasText("This link is incomplete");
        }
        backend(owner, "sessions/read", Map.of("session_id", session)).statusCode(200).body("consented", equalTo(false));
    }

    @Test
    void withoutACameraTheDocumentIsAFileAndAPassportHasNoBackStep() {
        TestTenants.Tenant tenant = tenants.create("hosted-file");
        String session = createSession(tenant, "passive", Map.of());
        try (Playwright playwright = Browsers.playwright(); Browser browser = Browsers.chromium(playwright, List.of());
                BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setGeolocation(48.8566, 2.3522).setPermissions(List.of("geolocation")))) {
            Page page = context.newPage();
            page.navigate(base + "verify/" + session + "?client_id=" + tenant.clientId());
            Locator title = page.locator("h1");
            page.getByLabel("I agree to the processing").check();
            page.getByText("Continue").click();
            assertThat(title).hasText("Which document will you use?");
            page.getByLabel("Passport", new Page.GetByLabelOptions().setExact(true)).check();
            page.getByText("Continue").click();
            assertThat(title).hasText("Photograph the front of your passport");
            assertThat(page.locator(".verity-status")).hasText("The camera is not available. You can choose a photo instead.");
            page.locator("#verity-file-front").setInputFiles(io.verity.testsupport.SharedData.dir().resolve("documents/passport-td3.jpg"));
            assertThat(title).hasText("Selfie check");
            assertThat(page.locator(".verity-progress")).hasText("Step 4 of 4");
        }
        backend(tenant, "sessions/read", Map.of("session_id", session)).statusCode(200)
                .body("document_type_e", equalTo("passport"))
                .body("document_front_given", equalTo(true))
                .body("document_back_given", equalTo(false));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** No serious or critical accessibility violation, then a screenshot. */
    private static void check(Page page, String name) {
        assertThat(Browsers.accessibilityViolations(page)).as("axe-core on " + name).isEmpty();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    private static BufferedImage image(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }
}
