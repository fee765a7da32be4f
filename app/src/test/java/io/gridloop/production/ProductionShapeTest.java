package io.gridloop.production;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gridloop.support.Compose;
import io.gridloop.support.NativeKeycloak;
import io.gridloop.support.NativeNginx;
import io.gridloop.support.ProductionJar;
import io.gridloop.support.ProductionNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The production shape as docker-compose.yml describes it, started natively from the project's own files (no Docker
 * here): PostgreSQL initialised as the postgres image does (compose's user, database and postgres-init.sql), Keycloak's
 * distribution built as compose's image builds it and started with compose's command, environment, realm file and
 * healthcheck, two nodes of the production jar (app/Dockerfile's build and ENTRYPOINT) with the environment compose gives
 * them, started at the same moment on the empty database, and Debian's nginx with config/deploy/nginx.conf. Only host
 * names and ports are mapped to loopback. Then a real Chromium through the proxy. Logs: app/target/production/.
 */
@Tag("production")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionShapeTest {

    private static final Path WORK = Path.of("target", "production").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RANDOM = UUID.randomUUID().toString().substring(0, 8);
    /** What the operator sets before {@code docker compose up}: not the demo secret, no demo passwords. */
    private static final Map<String, String> OPERATOR = Map.of(
            "GRIDLOOP_ADMIN_PASSWORD", "Admin-" + RANDOM,
            "KEYCLOAK_ADMIN_PASSWORD", "Keycloak-" + RANDOM,
            "GRIDLOOP_OIDC_CLIENT_SECRET", "district-secret-" + RANDOM);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Compose compose;
    private int pgPort;
    private int kcPort;
    private int proxyPort;
    private EmbeddedPostgres pg;
    private GreenMail mail;
    private NativeKeycloak keycloak;
    private String healthcheck;
    private final Map<String, ProductionNode> nodes = new LinkedHashMap<>();
    private NativeNginx proxy;

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(WORK);
        compose = Compose.read(ProductionJar.root().resolve("docker-compose.yml"), OPERATOR);
        pgPort = freePort();
        kcPort = freePort();
        int kcManagement = freePort();
        proxyPort = freePort();
        int smtp = freePort();
        // compose's host names and published ports, and where they are here
        Map<String, String> addresses = Map.of("postgres:5432", "localhost:" + pgPort, "keycloak:8081", "localhost:" + kcPort,
                "localhost:8081", "localhost:" + kcPort, "localhost:8080", "localhost:" + proxyPort);

        // the production jar and Keycloak's optimized build are the slow parts: side by side
        CompletableFuture<Path> jar = CompletableFuture.supplyAsync(() -> unchecked(() -> ProductionJar.build(WORK)));
        CompletableFuture<Path> keycloakHome = CompletableFuture.supplyAsync(() -> unchecked(() -> NativeKeycloak.prepare(WORK,
                (String) ((Map<?, ?>) compose.service("keycloak", "build")).get("dockerfile_inline"))));

        startPostgres();
        mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", "smtp"));
        mail.start();

        Map<String, String> kcEnv = mapped(compose.environment("keycloak"), addresses);
        List<String> kcCommand = new ArrayList<>(compose.list("keycloak", "command").stream()
                .map(a -> a.equals("--http-port=8081") ? "--http-port=" + kcPort : a).toList());
        kcCommand.add("--http-management-port=" + kcManagement);
        Path realm = ProductionJar.root().resolve(compose.volumeSource("keycloak", "/opt/keycloak/data/import/gridloop-realm.json"));
        @SuppressWarnings("unchecked")
        List<String> test = (List<String>) ((Map<String, Object>) compose.service("keycloak", "healthcheck")).get("test");
        assertThat(test.get(0)).isEqualTo("CMD-SHELL");
        healthcheck = test.get(1).replace("/9000", "/" + kcManagement);
        CompletableFuture<NativeKeycloak> kc = keycloakHome.thenApply(home -> unchecked(
                () -> NativeKeycloak.start(home, kcCommand, kcEnv, realm, WORK.resolve("keycloak.log"))));

        // both nodes at the same moment on the empty database, while Keycloak may still be starting
        Map<String, Integer> ports = Map.of("gridloop-1", freePort(), "gridloop-2", freePort());
        for (String name : List.of("gridloop-1", "gridloop-2")) {
            Map<String, String> env = mapped(compose.environment(name), addresses);
            env.put("SPRING_MAIL_HOST", env.get("SPRING_MAIL_HOST").equals("mail") ? "localhost" : env.get("SPRING_MAIL_HOST"));
            env.put("SPRING_MAIL_PORT", env.get("SPRING_MAIL_PORT").equals("1025") ? String.valueOf(smtp) : env.get("SPRING_MAIL_PORT"));
            // the container's port and host name (Docker sets HOSTNAME from compose's hostname)
            env.put("SERVER_PORT", String.valueOf(ports.get(name)));
            env.put("HOSTNAME", String.valueOf(compose.service(name, "hostname")));
            Files.deleteIfExists(WORK.resolve(name + ".log"));
            nodes.put(name, new ProductionNode(name, jar.get(), env, ports.get(name), WORK.resolve(name + ".log")));
        }
        nodes.values().forEach(n -> unchecked(() -> {
            n.start();
            return null;
        }));
        proxy = NativeNginx.start(ProductionJar.root().resolve(compose.volumeSource("proxy", "/etc/nginx/nginx.conf")), WORK.resolve("nginx"),
                Map.of("gridloop-1:8080", "127.0.0.1:" + ports.get("gridloop-1"), "gridloop-2:8080", "127.0.0.1:" + ports.get("gridloop-2")),
                proxyPort);
        keycloak = kc.get();
        keycloak.awaitHealthy(healthcheck, Duration.ofMinutes(5));
        for (ProductionNode n : nodes.values()) {
            n.awaitUp(Duration.ofMinutes(6));
        }
    }

    private void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().setPort(pgPort).start();
        Map<String, String> env = compose.environment("postgres");
        String user = env.get("POSTGRES_USER");
        String db = env.get("POSTGRES_DB");
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // as the postgres image: POSTGRES_USER is the server's superuser, owning POSTGRES_DB
            s.execute("create role " + user + " superuser login password '" + env.get("POSTGRES_PASSWORD").replace("'", "''") + "'");
            s.execute("create database " + db + " owner " + user);
        }
        // then its docker-entrypoint-initdb.d scripts, as that user in that database
        String init = Files.readString(ProductionJar.root().resolve(compose.volumeSource("postgres", "/docker-entrypoint-initdb.d/10-keycloak.sql")));
        try (Connection c = pg.getDatabase(user, db).getConnection(); Statement s = c.createStatement()) {
            for (String sql : init.replaceAll("(?m)--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {proxy, nodes.get("gridloop-1"), nodes.get("gridloop-2"), keycloak}) {
            if (c != null) {
                c.close();
            }
        }
        if (mail != null) {
            mail.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @Order(1)
    void bothNodesStartTogetherOnAnEmptyDatabaseAndTheSchemaIsCreatedOnce() throws Exception {
        String one = nodes.get("gridloop-1").logText();
        String two = nodes.get("gridloop-2").logText();
        assertThat(one + two).doesNotContain("ENGINE-03017").doesNotContain("duplicate key");
        assertThat(one + two).as("one node waited for the other to create the schemas").contains("another node is starting on this database");
        try (Connection c = gridloopDb(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("select count(*) from gl_schema_history where success");
            r.next();
            assertThat(r.getInt(1)).isPositive();
            r = s.executeQuery("select count(*) from act_ge_schema_log");
            r.next();
            assertThat(r.getInt(1)).as("Camunda's schema created by one node").isEqualTo(1);
        }
    }

    @Test
    @Order(2)
    void theRealmHasNoDemoOfficialsOnlyTheFirstAdministratorAndTheDistrictsSecret() throws Exception {
        String admin = compose.environment("gridloop-1").get("GRIDLOOP_ADMIN_USER");
        HttpResponse<String> token = passwordGrant(admin, OPERATOR.get("GRIDLOOP_ADMIN_PASSWORD"), OPERATOR.get("GRIDLOOP_OIDC_CLIENT_SECRET"));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String access = JSON.readTree(token.body()).path("access_token").asText();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(access.split("\\.")[1]));
        assertThat(claims.path("groups").toString()).contains("camunda-admin").contains("process-owner");
        // the first administrator's token opens the engine's doors through the proxy
        HttpResponse<String> engine = http.send(HttpRequest.newBuilder(URI.create(proxy() + "/engine-rest/process-definition?key=caseLoop"))
                .header("Authorization", "Bearer " + access).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(engine.statusCode()).isEqualTo(200);
        assertThat(engine.body()).contains("caseLoop");

        // no demo officials, and the demo secret is not the client's
        for (String demo : List.of("admin", "owner", "lina", "zhangmin")) {
            assertThat(passwordGrant(demo, "demo", OPERATOR.get("GRIDLOOP_OIDC_CLIENT_SECRET")).statusCode()).as(demo + "/demo").isEqualTo(401);
        }
        HttpResponse<String> demoSecret = passwordGrant(admin, OPERATOR.get("GRIDLOOP_ADMIN_PASSWORD"), "gridloop-dev-secret");
        assertThat(demoSecret.statusCode()).isEqualTo(401);
        assertThat(demoSecret.body()).contains("unauthorized_client");
        List<String> users = new ArrayList<>();
        JSON.readTree(keycloakAdmin("GET", "/users?briefRepresentation=true", null).body()).forEach(u -> users.add(u.path("username").asText()));
        assertThat(users).as("Keycloak's people in the realm (service accounts are not listed)").containsExactly(admin);
    }

    @Test
    @Order(3)
    void redirectsGoWhereTheBrowserIsAndHonourTheForwardedProtocol() throws Exception {
        // $http_host: the port the browser used survives the proxy
        HttpResponse<Void> root = http.send(HttpRequest.newBuilder(URI.create(proxy() + "/")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue(proxy() + "/oauth2/authorization/keycloak");
        assertThat(root.headers().allValues("Set-Cookie")).anyMatch(c -> c.matches("GRIDLOOP_NODE=gridloop-[12];.*"));

        HttpResponse<Void> signIn = http.send(HttpRequest.newBuilder(URI.create(proxy() + "/oauth2/authorization/keycloak")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirectUri(signIn)).isEqualTo(proxy() + "/login/oauth2/code/keycloak");
        // behind a TLS terminator that sends X-Forwarded-Proto: https, through nginx and straight to a node
        HttpResponse<Void> tls = http.send(HttpRequest.newBuilder(URI.create(proxy() + "/oauth2/authorization/keycloak"))
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(redirectUri(tls)).isEqualTo("https://localhost:" + proxyPort + "/login/oauth2/code/keycloak");
        HttpResponse<Void> direct = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + nodes.get("gridloop-1").port()
                + "/oauth2/authorization/keycloak")).header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(redirectUri(direct)).isEqualTo("https://localhost/login/oauth2/code/keycloak");

        HttpResponse<byte[]> favicon = http.send(HttpRequest.newBuilder(URI.create(proxy() + "/favicon.ico")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(favicon.statusCode()).isEqualTo(200);
        assertThat(favicon.headers().firstValue("Content-Type").orElse("")).startsWith("image/");
        assertThat(favicon.body()).isNotEmpty();
    }

    @Test
    @Order(4)
    void eachNodeCopiesTheOfficialsFromKeycloakSoonAfterKeycloakIsUp() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && !nodes.values().stream().allMatch(n -> unchecked(n::logText).contains("officials synced from Keycloak"))) {
            Thread.sleep(1000);
        }
        for (ProductionNode n : nodes.values()) {
            String log = n.logText();
            assertThat(log).as(n.name()).contains("officials synced from Keycloak");
            System.out.println(n.name() + ": directory sync retried before Keycloak was up: " + log.contains("next try to sync the officials"));
        }
        // the first administrator's Keycloak groups are the engine's, though they have not signed in to GridLoop
        try (Connection c = gridloopDb(); Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("select group_id_ from act_id_membership where user_id_ = 'admin' order by 1");
            List<String> groups = new ArrayList<>();
            while (r.next()) {
                groups.add(r.getString(1));
            }
            assertThat(groups).containsExactly("camunda-admin", "process-owner");
        }
    }

    @Test
    @Order(5)
    void anOfficialSignsInThroughTheProxyReportsKeepsWorkingWhenTheirNodeDiesAndComesBackAndSignsOut() throws Exception {
        // the district adds an official in Keycloak (its admin console or kcadm; here its admin API)
        String password = "Pw-" + RANDOM;
        HttpResponse<String> created = keycloakAdmin("POST", "/users", JSON.writeValueAsString(Map.of(
                "username", "zhaoyun", "enabled", true, "firstName", "云", "lastName", "赵", "email", "zhaoyun@district.example",
                "emailVerified", true, "groups", List.of("/intake"),
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        ChromeDriver driver = chromium();
        try {
            // sign in on Keycloak's page, through the proxy, into the inbox
            driver.get(proxy() + "/");
            waitFor(driver, By.id("username")).sendKeys("zhaoyun");
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.id("kc-login")).click();
            waitFor(driver, By.id("inbox-grid"));
            assertThat(driver.getCurrentUrl()).startsWith(proxy());
            String first = nodeCookie(driver);

            // report a case on the report page
            driver.get(proxy() + "/report");
            waitFor(driver, By.id("grid-map"));
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#grid-map path.leaflet-interactive")).size() > 0);
            new Actions(driver).moveToElement(driver.findElement(By.id("grid-map"))).click().perform();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> ((JavascriptExecutor) d)
                    .executeScript("return document.getElementById('grid').selectedItem") != null);
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.findElement(By.cssSelector("#subcategory input")).sendKeys("井盖");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-combo-box-item")));
            driver.findElement(By.cssSelector("#subcategory input")).sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
            wait.until(d -> ((JavascriptExecutor) d).executeScript("return document.getElementById('subcategory').selectedItem") != null);
            driver.findElement(By.cssSelector("#description textarea")).sendKeys("井盖缺失,生产环境演练");
            // an intake operator's report is a hotline call: the caller's phone, or (here) that the caller stays anonymous
            org.openqa.selenium.WebElement anonymous = driver.findElement(By.cssSelector("#caller-anonymous input"));
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", anonymous);
            anonymous.click();
            wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return document.getElementById('caller-anonymous').checked")));
            org.openqa.selenium.WebElement submit = driver.findElement(By.id("submit-report"));
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", submit);
            wait.until(ExpectedConditions.elementToBeClickable(submit)).click();
            wait.until(ExpectedConditions.urlContains("/case/"));
            String caseNumber = URLDecoder.decode(driver.getCurrentUrl().replaceFirst(".*/case/", ""), StandardCharsets.UTF_8);
            screenshot(driver, "production-reported");
            documents(driver);

            // the node holding the session dies: the other takes the browser, which signs in again by Keycloak's
            // session (no password) and sees the case reported on the dead node
            nodes.get(first).kill();
            driver.get(proxy() + "/case/" + caseNumber);
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.getPageSource().contains("生产环境演练"));
            assertThat(driver.getCurrentUrl()).as("back on the page asked for").startsWith(proxy() + "/case/" + caseNumber);
            String second = nodeCookie(driver);
            assertThat(second).isNotEqualTo(first);
            assertThat(documents(driver)).as("signed in again through Keycloak's single sign-on")
                    .anyMatch(u -> u.contains("/protocol/openid-connect/auth"));
            assertThat(driver.getPageSource()).doesNotContain("id=\"kc-login\"");

            // it comes back: the browser stays where its session now is
            nodes.get(first).start();
            nodes.get(first).awaitUp(Duration.ofMinutes(4));
            driver.get(proxy() + "/case/" + caseNumber);
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.getPageSource().contains("生产环境演练"));
            assertThat(nodeCookie(driver)).isEqualTo(second);
            assertThat(documents(driver)).as("the session was kept: no new sign-in").noneMatch(u -> u.contains("/protocol/openid-connect/auth"));

            // sign out: a top-level navigation to Keycloak's logout, which sends the browser back to GridLoop's address
            driver.findElement(By.id("logout")).click();
            waitFor(driver, By.id("username"));
            List<String> signOut = documents(driver).stream().map(u -> URLDecoder.decode(u, StandardCharsets.UTF_8)).toList();
            int logout = indexOf(signOut, u -> u.startsWith(issuer() + "/protocol/openid-connect/logout")
                    && u.contains("post_logout_redirect_uri=" + proxy() + "/&") && u.contains("id_token_hint="));
            assertThat(logout).as("navigated to Keycloak's logout: %s", signOut).isNotNegative();
            assertThat(signOut.subList(logout + 1, signOut.size())).as("and back to the return address").contains(proxy() + "/");
            assertThat(URLDecoder.decode(driver.getCurrentUrl(), StandardCharsets.UTF_8)).startsWith(issuer())
                    .contains("redirect_uri=" + proxy() + "/login/oauth2/code/keycloak");
            // and back in
            driver.findElement(By.id("username")).sendKeys("zhaoyun");
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.id("kc-login")).click();
            waitFor(driver, By.id("inbox-grid"));
            screenshot(driver, "production-signed-in-again");
        } catch (RuntimeException | AssertionError e) {
            screenshot(driver, "production-failure");
            throw e;
        } finally {
            driver.quit();
        }
    }

    // --- helpers

    private String proxy() {
        return "http://localhost:" + proxyPort;
    }

    private String issuer() {
        return "http://localhost:" + kcPort + "/realms/gridloop";
    }

    private Connection gridloopDb() throws Exception {
        Map<String, String> env = compose.environment("postgres");
        return pg.getDatabase(env.get("POSTGRES_USER"), env.get("POSTGRES_DB")).getConnection();
    }

    private HttpResponse<String> passwordGrant(String user, String password, String secret) throws Exception {
        String form = "grant_type=password&scope=openid&client_id=gridloop&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)
                + "&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Keycloak's admin API on the gridloop realm as the bootstrap administrator (what kcadm.sh does). */
    private HttpResponse<String> keycloakAdmin(String method, String path, String json) throws Exception {
        Map<String, String> env = compose.environment("keycloak");
        String form = "grant_type=password&client_id=admin-cli&username=" + env.get("KC_BOOTSTRAP_ADMIN_USERNAME")
                + "&password=" + URLEncoder.encode(env.get("KC_BOOTSTRAP_ADMIN_PASSWORD"), StandardCharsets.UTF_8);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + kcPort + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + kcPort + "/admin/realms/gridloop" + path))
                .header("Authorization", "Bearer " + JSON.readTree(token.body()).path("access_token").asText());
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String redirectUri(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElseThrow();
        Matcher m = Pattern.compile("[?&]redirect_uri=([^&]*)").matcher(location);
        assertThat(m.find()).as(location).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static Map<String, String> mapped(Map<String, String> env, Map<String, String> addresses) {
        Pattern any = Pattern.compile(String.join("|", addresses.keySet().stream().map(Pattern::quote).toList()));
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> out.put(k, any.matcher(v).replaceAll(m -> Matcher.quoteReplacement(addresses.get(m.group())))));
        return out;
    }

    /** Debian's Chromium as support/Browser starts it, with its network log on, to see top-level navigations. */
    private static ChromeDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(io.gridloop.support.Browser.CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--lang=zh-CN", "--user-data-dir=" + Files.createTempDirectory("gridloop-production-chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(io.gridloop.support.Browser.CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The top-level documents the browser asked for since the last call, in order. */
    private static List<String> documents(WebDriver driver) throws Exception {
        List<String> urls = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(e.getMessage()).path("message");
            if (message.path("method").asText().equals("Network.requestWillBeSent") && message.path("params").path("type").asText().equals("Document")) {
                urls.add(message.path("params").path("request").path("url").asText());
            }
        }
        return urls;
    }

    private static int indexOf(List<String> list, java.util.function.Predicate<String> p) {
        for (int i = 0; i < list.size(); i++) {
            if (p.test(list.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String nodeCookie(WebDriver driver) {
        Cookie c = driver.manage().getCookieNamed("GRIDLOOP_NODE");
        assertThat(c).as("the node's cookie").isNotNull().extracting(Cookie::getValue).asString().isNotBlank();
        return c.getValue();
    }

    private static org.openqa.selenium.WebElement waitFor(WebDriver driver, By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    private static void screenshot(WebDriver driver, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (Exception e) {
            // a screenshot is for a person to look at; the test's own failure says what went wrong
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T unchecked(Step<T> step) {
        try {
            return step.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
