package io.verity.idv;

import static io.restassured.RestAssured.given;
import static io.verity.idv.DocumentDecisionTest.finalizeWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.verity.idv.service.SanctionsList;
import io.verity.testsupport.Accessibility;
import io.verity.testsupport.Chromium;
import io.verity.testsupport.KeycloakServer;
import io.verity.testsupport.TestTenants;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A reviewer reviews, in headless Chromium, a session created and finalized through the API: signed in through a real
 * Keycloak at the admin console (a real weights-service), which reads this idv-service's API with the reviewer's
 * token. The session is a duplicate document (the same images under another client), which the decision sends to
 * review.
 */
@QuarkusTest
@QuarkusTestResource(value = ConsoleSuiteResource.class, restrictToAnnotatedClass = true)
class ConsoleReviewTest {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));

    @Inject
    TestTenants tenants;

    @Inject
    SanctionsList sanctions;

    @Test
    void aReviewerSeesTheSessionWithItsImagesAndReasonsAndRejectsItOnce() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (sanctions.current() == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        TestTenants.Tenant first = tenants.create("console-a");
        TestTenants.Tenant second = tenants.create("console-b");
        long seed = System.nanoTime();
        // the same seed draws byte-identical images: the second client's session shows a document already seen
        var holder = Documents.holder("D3333333", "JANE", "ROE", LocalDate.of(1982, 2, 2), LocalDate.now().plusYears(2),
                "2570 24TH STREET");
        String verified = DocumentDecisionTest.session(first, seed, holder);
        finalizeWith(first, verified, Map.of()).statusCode(200).body("verified", equalTo(true));
        String inReview = DocumentDecisionTest.session(second, seed, holder);
        finalizeWith(second, inReview, Map.of()).statusCode(200)
                .body("reasons.find { it.code == 'DUPLICATE_DOCUMENT' }.decision", equalTo("review"));

        try (Chromium chromium = Chromium.launch(); BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(ConsoleSuiteResource.consoleUrl);
            page.fill("#username", "reviewer");
            page.fill("#password", reviewerPassword());
            page.click("#kc-login");
            page.waitForURL(url -> url.startsWith(ConsoleSuiteResource.consoleUrl));

            page.locator("tr", new Page.LocatorOptions().setHasText(second.clientId().toString())).locator("text=Sessions").click();
            assertThat(page.locator("h1").textContent()).startsWith("Sessions of console-b");
            page.fill("#f-search", inReview.substring(0, 8));
            page.click("text=Filter");
            assertThat(page.locator("main table tbody tr").count()).isEqualTo(1);
            screenshot(page, "sessions.png");
            Accessibility.assertNoSeriousViolations(page);
            page.click("text=" + inReview);

            assertThat(page.locator("#status").textContent()).isEqualTo("complete");
            assertThat(page.locator("#reasons").textContent()).contains("DUPLICATE_DOCUMENT").contains("review");
            assertThat(page.locator("#checks").textContent()).contains("face_match").contains("doc_front_online_duplication");
            // every image shown was served and decoded by the browser: the document's two sides at least
            page.waitForFunction("() => [...document.querySelectorAll('.images img')].every(i => i.complete)");
            Locator images = page.locator(".images img");
            assertThat(images.count()).isGreaterThanOrEqualTo(2);
            for (int i = 0; i < images.count(); i++) {
                Object width = images.nth(i).evaluate("img => img.complete ? img.naturalWidth : -1");
                assertThat(((Number) width).intValue()).as(images.nth(i).getAttribute("alt")).isGreaterThan(100);
            }
            assertThat(page.locator(".images img[alt^='driver license front']").count()).isEqualTo(1);
            screenshot(page, "session.png");
            Accessibility.assertNoSeriousViolations(page);

            page.fill("#review-note", "same licence as another client's verified session");
            page.click("button[value=reject]");
            assertThat(page.locator(".note.ok").textContent()).contains("reject");
            assertThat(page.locator("#history").textContent()).contains("review").contains("oidc:reviewer").contains("reject")
                    .contains("same licence as another client's verified session");
        }

        String token = KeycloakServer.passwordGrant(realmUrl(), "reviewer", reviewerPassword());
        // recorded once: a second decision is refused
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("session_id", inReview, "client_id", second.clientId(), "decision", "approve"))
                .post("/v1/sessions/review").then().statusCode(409).body("code", equalTo("already_reviewed"));
        // a verified session asks for no review
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("session_id", verified, "client_id", first.clientId(), "decision", "approve"))
                .post("/v1/sessions/review").then().statusCode(409).body("code", equalTo("not_in_review"));
        // the session belongs to the client named: another client's id finds nothing
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("session_id", inReview, "client_id", first.clientId()))
                .post("/v1/sessions/read").then().statusCode(404);
        // an API key may not review
        given().header("x-api-key", second.apiKey()).contentType(ContentType.JSON)
                .body(Map.of("session_id", inReview, "client_id", second.clientId(), "decision", "approve"))
                .post("/v1/sessions/review").then().statusCode(403);
        // an operator must name the client
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("session_id", inReview))
                .post("/v1/sessions/read").then().statusCode(400).body("code", equalTo("client_id_required"));
    }

    private static void screenshot(Page page, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.setViewportSize(1280, 900);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
    }

    // KeycloakResource's values, looked up when used: a @ConfigProperty field would be required of every test of the module

    private static String realmUrl() {
        return ConfigProvider.getConfig().getValue("verity.test.realm-url", String.class);
    }

    private static String reviewerPassword() {
        return ConfigProvider.getConfig().getValue("verity.test.reviewer-password", String.class);
    }
}
