package io.verity.weights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.verity.testsupport.Accessibility;
import io.verity.testsupport.Chromium;
import io.verity.testsupport.KeycloakResource;
import io.verity.testsupport.KeycloakServer;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The admin console in headless Chromium, signed in through a real Keycloak with the realm of
 * k8s/base/keycloak/verity-realm.json (one Keycloak for the class). The pages call this service's admin API with the
 * user's token, as deployed.
 */
@QuarkusTest
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    /** Where screenshots go; {@code -Dconsole.screenshots=../docs/console} refreshes the README's. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
    private static Chromium chromium;

    @TestHTTPResource("/console")
    URL console;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void anAdminSignsInCreatesAClientAndIssuesAndRevokesAKey() throws Exception {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = signIn(context, "admin", adminPassword());
            assertThat(page.locator("h1").textContent()).isEqualTo("Clients");
            assertThat(page.locator("header").textContent()).contains("Signed in as").contains("admin");

            page.fill("#client-name", "console-test-client");
            page.click("text=Create client");
            assertThat(page.locator("h1").textContent()).isEqualTo("Client console-test-client");

            page.fill("#key-name", "gate cameras");
            page.click("text=Issue key");
            String key = page.locator("#new-key").textContent();
            assertThat(key).matches("vty_[A-Za-z0-9_-]{12}\\.[A-Za-z0-9_-]{43}");
            // the key works on the API, once revoked it does not
            given().header("x-api-key", key).get("/weights").then().statusCode(200);
            screenshot(page, "client-keys.png");
            page.click("button[aria-label='Revoke key gate cameras']");
            assertThat(page.locator("table").first().textContent()).contains("revoked");
            page.reload();
            assertThat(page.content()).doesNotContain(key);
            given().header("x-api-key", key).get("/weights").then().statusCode(401);

            page.navigate(console.toString());
            assertThat(page.locator("td", new Page.LocatorOptions().setHasText("console-test-client")).count()).isEqualTo(1);
            screenshot(page, "clients.png");
            Accessibility.assertNoSeriousViolations(page);
        }
    }

    @Test
    @Order(2)
    void anAdminChangesAWeightAndSeesTheNewVersionAndItsDiff() throws Exception {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = signIn(context, "admin", adminPassword());
            page.locator("tr", new Page.LocatorOptions().setHasText("console-test-client")).locator("text=Weights").click();
            assertThat(page.locator("h1").textContent()).isEqualTo("Weights of console-test-client");
            String before = page.locator("#current-version").textContent();
            String oldValue = page.inputValue("#w-age_tolerance");

            // out of range: the API's check answers, nothing is written
            page.fill("#w-age_tolerance", "120");
            page.evaluate("document.querySelector('#w-age_tolerance').removeAttribute('max')");
            page.click("text=Save as a new version");
            assertThat(page.locator(".note.bad").textContent()).contains("age_tolerance");
            assertThat(page.locator("#current-version").textContent()).isEqualTo(before);

            page.fill("#w-age_tolerance", "7");
            page.click("text=Save as a new version");
            assertThat(page.locator(".note.ok").textContent()).contains("Saved");
            String after = page.locator("#current-version").textContent();
            assertThat(after).isNotEqualTo(before);
            assertThat(page.locator("table tbody tr").count()).isEqualTo(2); // the recorded defaults and the update
            assertThat(page.locator("table tbody tr").first().textContent()).contains(after).contains("update").contains("admin");
            screenshot(page, "weights.png");
            Accessibility.assertNoSeriousViolations(page);

            page.click("text=Compare the two versions");
            assertThat(page.locator("#diff caption").textContent()).isEqualTo("Fields that differ: 1");
            List<String> row = page.locator("#diff tbody tr td").allTextContents();
            assertThat(row).containsExactly("age_tolerance", number(oldValue), "7.0");
            screenshot(page, "weights-diff.png");
            Accessibility.assertNoSeriousViolations(page);
        }
    }

    @Test
    @Order(3)
    void aReviewerIsRefusedTheWeightsPageAndTheWeightsApi() throws Exception {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = signIn(context, "reviewer", reviewerPassword());
            assertThat(page.locator("header").textContent()).contains("reviewer");
            // the clients page shows the sessions link only
            assertThat(page.locator("text=Weights").count()).isZero();
            String clientId = page.locator("tr", new Page.LocatorOptions().setHasText("console-test-client"))
                    .locator("code").textContent();

            Response weights = page.navigate(console + "/weights?client_id=" + clientId);
            assertThat(weights.status()).isEqualTo(403);
            Response keys = page.navigate(console + "/clients/" + clientId);
            assertThat(keys.status()).isEqualTo(403);
        }
        String reviewerToken = KeycloakServer.passwordGrant(realmUrl(), "reviewer", reviewerPassword());
        given().auth().oauth2(reviewerToken).get("/weights?client_id={c}", clientOf("console-test-client"))
                .then().statusCode(403);
        String adminToken = KeycloakServer.passwordGrant(realmUrl(), "admin", adminPassword());
        given().auth().oauth2(adminToken).get("/weights?client_id={c}", clientOf("console-test-client"))
                .then().statusCode(200);
    }

    @Test
    @Order(4)
    void withoutASessionTheConsoleSendsTheBrowserToKeycloakAndAForeignFormIsRefused() {
        try (BrowserContext context = chromium.browser().newContext()) {
            Page page = context.newPage();
            page.navigate(console.toString());
            assertThat(page.url()).startsWith(realmUrl() + "/protocol/openid-connect/auth")
                    .contains("code_challenge_method=S256").contains("code_challenge=");
        }
        // a form posted from another origin, with the signed-in user's cookies, never reaches the API
        try (BrowserContext context = chromium.browser().newContext()) {
            signIn(context, "admin", adminPassword());
            var forged = context.request().post(console + "/clients", com.microsoft.playwright.options.RequestOptions.create()
                    .setHeader("Origin", "https://evil.example")
                    .setForm(com.microsoft.playwright.options.FormData.create().set("name", "forged-client"))
                    .setMaxRedirects(0));
            assertThat(forged.status()).isEqualTo(403);
            var own = context.request().get(console.toString());
            assertThat(own.status()).isEqualTo(200);
            assertThat(own.text()).doesNotContain("forged-client");
        }
    }

    private Page signIn(BrowserContext context, String user, String password) {
        Page page = context.newPage();
        page.navigate(console.toString());
        page.fill("#username", user);
        page.fill("#password", password);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(console.toString()));
        return page;
    }

    private String clientOf(String name) {
        String token;
        try {
            token = KeycloakServer.passwordGrant(realmUrl(), "admin", adminPassword());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Map<String, Object>> clients = given().auth().oauth2(token).get("/admin/clients?take=100")
                .then().statusCode(200).extract().jsonPath().getList("clients");
        return clients.stream().filter(c -> name.equals(c.get("name"))).map(c -> (String) c.get("id")).findFirst().orElseThrow();
    }

    private static String number(String formValue) {
        return Double.toString(Double.parseDouble(formValue));
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

    private static String adminPassword() {
        return ConfigProvider.getConfig().getValue("verity.test.admin-password", String.class);
    }

    private static String reviewerPassword() {
        return ConfigProvider.getConfig().getValue("verity.test.reviewer-password", String.class);
    }
}
