package io.gatehouse.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.gatehouse.core.api.Api;
import io.gatehouse.core.api.ApiService;
import io.gatehouse.core.api.ApiSpec;
import io.gatehouse.core.api.ApiState;
import io.gatehouse.core.api.ApiType;
import io.gatehouse.core.user.Role;
import io.gatehouse.core.user.UserService;
import io.gatehouse.core.user.UserSpec;
import io.gatehouse.launcher.GatehouseApplication;
import io.gatehouse.testsupport.MvcProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A real Chromium visits the portal anonymously, then opens the console, is sent to the login view, signs in as
 * admin and sees the API grid, then signs out. Screenshots land in {@code target/screenshots}.
 */
@SpringBootTest(classes = GatehouseApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gatehouse.db.embedded=true",
        "gatehouse.gateway.port=0",
        "gatehouse.admin.password=" + ConsoleLoginIT.ADMIN_PASSWORD
})
@Import(MvcProbe.class)
class ConsoleLoginIT {

    static final String ADMIN_PASSWORD = "console-login-it-secret";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort
    int port;
    @Autowired
    ApiService apis;
    @Autowired
    UserService users;

    private WebDriver driver;
    private Path profile;

    @Test
    void adminSignsInAndSeesTheApiGrid() throws IOException {
        requireChromium();
        if (users.find("admin").isEmpty()) {
            users.create(new UserSpec("admin", ADMIN_PASSWORD, Set.of(Role.ADMIN), null));
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String draftName = "Browser check " + suffix;
        apis.create(new ApiSpec(draftName, "v1", "/browser-" + suffix + "/v1", ApiType.REST, "http://127.0.0.1:9101", null, null, null, null, null));
        String publishedName = "Browser catalog " + suffix;
        Api published = apis.create(new ApiSpec(publishedName, "v1", "/catalog-" + suffix + "/v1", ApiType.REST,
                "http://127.0.0.1:9101", "Seen by anonymous visitors", null, null, null, null));
        apis.changeState(published.getId(), ApiState.PUBLISHED);

        driver = startChromium();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

        driver.get(baseUrl() + "/");
        wait.until(ExpectedConditions.urlContains("/portal"));
        wait.until(d -> gridShows(d, publishedName));
        assertThat(gridShows(driver, draftName)).isFalse();
        screenshot("portal-catalog.png");

        driver.get(baseUrl() + "/console");
        wait.until(ExpectedConditions.urlContains("/console/login"));
        WebElement username = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-login-form input[name='username']")));
        screenshot("console-login.png");
        username.sendKeys("admin");
        WebElement password = driver.findElement(By.cssSelector("vaadin-login-form input[name='password']"));
        password.sendKeys(ADMIN_PASSWORD, Keys.ENTER);

        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/console/login")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("api-grid")));
        wait.until(d -> gridShows(d, draftName));
        assertThat(gridShows(driver, publishedName)).isTrue();
        assertThat(driver.findElement(By.id("console-user")).getText()).isEqualTo("admin");
        assertThat(URI.create(driver.getCurrentUrl()).getPath()).isEqualTo("/console");
        screenshot("console-api-grid.png");

        String createdName = "Browser form " + suffix;
        driver.findElement(By.id("new-api")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#api-name input"))).sendKeys(createdName);
        driver.findElement(By.cssSelector("#api-version input")).sendKeys("v1");
        driver.findElement(By.cssSelector("#api-context input")).sendKeys("/browser-" + suffix + "/v1");
        driver.findElement(By.cssSelector("#api-upstream input")).sendKeys("http://127.0.0.1:9101");
        driver.findElement(By.id("api-save")).click();
        wait.until(d -> d.findElement(By.id("api-context")).getDomAttribute("invalid") != null);
        screenshot("console-new-api-conflict.png");
        WebElement context = driver.findElement(By.cssSelector("#api-context input"));
        context.sendKeys(Keys.chord(Keys.CONTROL, "a"), "/form-" + suffix + "/v1");
        driver.findElement(By.id("api-save")).click();
        wait.until(d -> gridShows(d, createdName));
        assertThat(apis.list()).anySatisfy(api -> assertThat(api.getContext()).isEqualTo("/form-" + suffix + "/v1"));

        driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/console/login"));
        driver.get(baseUrl() + "/console");
        wait.until(ExpectedConditions.urlContains("/console/login"));
    }

    @Test
    void springMvcStillAnswersBesideTheVaadinServlet() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + MvcProbe.PATH)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("mvc-ok");
        }
    }

    @AfterEach
    void stopChromium() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static boolean gridShows(WebDriver driver, String text) {
        return driver.findElements(By.tagName("vaadin-grid-cell-content")).stream().anyMatch(cell -> text.equals(cell.getText()));
    }

    private void screenshot(String name) throws IOException {
        Path file = Path.of("target", "screenshots", name);
        Files.createDirectories(file.getParent());
        Files.copy(((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    private WebDriver startChromium() throws IOException {
        profile = Files.createTempDirectory("gatehouse-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "ConsoleLoginIT needs " + CHROMIUM + " and " + CHROMEDRIVER
                + ": install them with `apt-get install -y chromium chromium-driver`";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
