package io.gridloop.production;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.support.Compose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployment files in config/deploy, without starting anything: the realm production imports has no demo officials
 * (only a first administrator whose name and password come from the environment) and takes the client secret from the
 * environment; the demo realm keeps the same groups and client; none of it is in the jar.
 */
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("..", "config", "deploy");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode realm(String file) throws Exception {
        return JSON.readTree(DEPLOY.resolve("keycloak").resolve(file).toFile());
    }

    @Test
    void theProductionRealmHasNoDemoOfficialsOnlyAFirstAdministratorFromTheEnvironment() throws Exception {
        JsonNode realm = realm("gridloop-realm.json");
        List<String> people = new ArrayList<>();
        for (JsonNode u : realm.path("users")) {
            if (u.has("serviceAccountClientId")) {
                continue;
            }
            people.add(u.path("username").asText());
            for (JsonNode c : u.path("credentials")) {
                assertThat(c.path("value").asText()).as(u.path("username").asText()).isNotEqualTo("demo").isEqualTo("${GRIDLOOP_ADMIN_PASSWORD}");
            }
            List<String> groups = new ArrayList<>();
            u.path("groups").forEach(g -> groups.add(g.asText()));
            assertThat(groups).containsExactlyInAnyOrder("/camunda-admin", "/process-owner");
        }
        assertThat(people).containsExactly("${GRIDLOOP_ADMIN_USER:admin}");
        assertThat(realm.toString()).doesNotContain("\"demo\"").doesNotContain("gridloop-dev-secret");
        JsonNode client = realm.path("clients").get(0);
        assertThat(client.path("secret").asText()).isEqualTo("${GRIDLOOP_OIDC_CLIENT_SECRET}");
        assertThat(client.path("redirectUris").toString()).doesNotContain("\"*\"").contains("${GRIDLOOP_BASE_URL}/*");
    }

    @Test
    void theDemoRealmHasTheSameGroupsAndClientAsProductionPlusTheDemoOfficials() throws Exception {
        JsonNode production = realm("gridloop-realm.json");
        JsonNode demo = realm("gridloop-demo-realm.json");
        assertThat(demo.path("groups")).isEqualTo(production.path("groups"));
        assertThat(demo.path("clients").get(0).path("protocolMappers")).isEqualTo(production.path("clients").get(0).path("protocolMappers"));
        assertThat(demo.path("clients").get(0).path("secret").asText()).isEqualTo("${GRIDLOOP_OIDC_CLIENT_SECRET:gridloop-dev-secret}");
        assertThat(demo.path("users").size()).isGreaterThan(20);
    }

    @Test
    void theDeploymentFilesAreNotInTheJarButTheReferenceDataIs() {
        ClassLoader cl = getClass().getClassLoader();
        assertThat(cl.getResource("config/grids.geojson")).isNotNull();
        assertThat(cl.getResource("config/deploy/nginx.conf")).isNull();
        assertThat(cl.getResource("config/deploy/keycloak/gridloop-realm.json")).isNull();
        assertThat(cl.getResource("config/keycloak/gridloop-realm.json")).isNull();
    }

    @Test
    void composeMountsTheProductionRealmAndTheDeployFolderUnlessTheDemoIsAsked() throws Exception {
        Map<String, String> operator = Map.of("GRIDLOOP_ADMIN_PASSWORD", "a", "KEYCLOAK_ADMIN_PASSWORD", "k", "GRIDLOOP_OIDC_CLIENT_SECRET", "s");
        Path file = Path.of("..", "docker-compose.yml");
        Compose compose = Compose.read(file, operator);
        String realm = compose.volumeSource("keycloak", "/opt/keycloak/data/import/gridloop-realm.json");
        assertThat(realm).isEqualTo("./config/deploy/keycloak/gridloop-realm.json");
        assertThat(Files.exists(Path.of("..").resolve(realm))).isTrue();
        assertThat(Files.exists(Path.of("..").resolve(compose.volumeSource("proxy", "/etc/nginx/nginx.conf")))).isTrue();
        assertThat(Files.exists(Path.of("..").resolve(compose.volumeSource("postgres", "/docker-entrypoint-initdb.d/10-keycloak.sql")))).isTrue();
        Map<String, String> demo = new java.util.HashMap<>(operator);
        demo.put("GRIDLOOP_REALM", "gridloop-demo-realm.json");
        assertThat(Compose.read(file, demo).volumeSource("keycloak", "/opt/keycloak/data/import/gridloop-realm.json"))
                .isEqualTo("./config/deploy/keycloak/gridloop-demo-realm.json");
        // one secret, set once: Keycloak's import and both nodes read the same variable
        for (String service : List.of("keycloak", "gridloop-1", "gridloop-2")) {
            assertThat(compose.environment(service)).containsEntry("GRIDLOOP_OIDC_CLIENT_SECRET", "s").containsEntry("GRIDLOOP_ADMIN_PASSWORD", "a");
        }
        // an operator who forgets a secret is told so, as compose does
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Compose.read(file, Map.of("GRIDLOOP_ADMIN_PASSWORD", "a", "KEYCLOAK_ADMIN_PASSWORD", "k")))
                .hasMessageContaining("GRIDLOOP_OIDC_CLIENT_SECRET");
    }
}
