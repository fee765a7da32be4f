package io.gridloop.open311;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.casefile.CaseFileService;
import io.gridloop.casefile.CaseStatus;
import io.gridloop.casefile.Channel;
import io.gridloop.support.LoopDriver;
import io.gridloop.support.PostgresConfiguration;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** Open311 on PostgreSQL: the key table, a request in, read back through the filters, and a refusal storing nothing. */
@Tag("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({PostgresConfiguration.class, LoopDriver.class})
@DirtiesContext
class Open311OnPostgresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    CaseFileService cases;
    @Autowired
    Open311Keys keys;
    @Autowired
    JdbcClient jdbc;

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/" + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/requests.json"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestInAndBackOnPostgres() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null, List.of()));
        Open311Keys.IssuedKey issued = keys.issue("PostgreSQL 客户端");
        SecurityContextHolder.clearContext();
        String key = issued.secret();

        HttpResponse<String> created = post(Map.of("api_key", key, "service_code", "STREETLIGHT", "lat", "39.9275",
                "long", "116.3745", "description", "路灯不亮"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get(0).path("service_request_id").asText();
        assertThat(cases.findByNumber(id)).hasValueSatisfying(c -> {
            assertThat(c.channel()).isEqualTo(Channel.CITIZEN);
            assertThat(c.status()).isEqualTo(CaseStatus.VERIFYING);
        });

        JsonNode one = JSON.readTree(get("requests/" + id + ".json?api_key=" + key).body()).get(0);
        assertThat(one.path("status").asText()).isEqualTo("open");
        OffsetDateTime requested = OffsetDateTime.parse(one.path("requested_datetime").asText());
        assertThat(one.path("requested_datetime").asText()).endsWith("+08:00");
        String from = URLEncoder.encode(requested.minusMinutes(5).toString(), StandardCharsets.UTF_8);
        JsonNode list = JSON.readTree(get("requests.json?api_key=" + key + "&status=open&service_code=STREETLIGHT,MANHOLE&start_date="
                + from).body());
        assertThat(list.findValuesAsText("service_request_id")).contains(id);
        assertThat(JSON.readTree(get("requests.json?api_key=" + key + "&status=closed").body()).findValuesAsText("service_request_id"))
                .doesNotContain(id);
        assertThat(get("requests.xml?api_key=" + key + "&service_request_id=" + id + ",1999-000001").body())
                .contains("<service_request_id>" + id + "</service_request_id>");

        int before = jdbc.sql("select count(*) from gl_case").query(Integer.class).single();
        assertThat(post(Map.of("api_key", key, "service_code", "STREETLIGHT", "lat", "999", "long", "116.3745", "description", "x"))
                .statusCode()).isEqualTo(400);
        assertThat(post(Map.of("api_key", key, "service_code", "STREETLIGHT", "lat", "0", "long", "0", "description", "x"))
                .statusCode()).isEqualTo(400);
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("admin", null, List.of()));
        keys.revoke(issued.key().id());
        SecurityContextHolder.clearContext();
        assertThat(post(Map.of("api_key", key, "service_code", "STREETLIGHT", "lat", "39.9275", "long", "116.3745",
                "description", "路灯不亮")).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from gl_case").query(Integer.class).single()).isEqualTo(before);
    }
}
