package io.gridloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridloop.grid.ReferenceData;
import io.gridloop.support.GridLoopTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * config/deploy/keycloak/gridloop-demo-realm.json is the Keycloak shape of the embedded default's officials (for demos and
 * the keycloak tests; production imports gridloop-realm.json, without them): the same users with the same groups, a
 * group per role, department and street, and the gridloop client putting groups in its tokens.
 */
@GridLoopTest
class KeycloakRealmTest {

    @Autowired
    DemoUsers demo;
    @Autowired
    ReferenceData reference;

    private final JsonNode realm = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Path.of("..", "config", "deploy", "keycloak", "gridloop-demo-realm.json").toFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theRealmHasTheDemoOfficialsWithTheirGroups() {
        Map<String, List<String>> inRealm = new TreeMap<>();
        for (JsonNode u : realm.path("users")) {
            if (u.has("serviceAccountClientId")) {
                continue;
            }
            List<String> groups = new ArrayList<>();
            u.path("groups").forEach(g -> groups.add(g.asText().replaceFirst("^/", "")));
            inRealm.put(u.path("username").asText(), groups.stream().sorted().toList());
            assertThat(u.path("credentials").get(0).path("value").asText()).isEqualTo(DemoUsers.PASSWORD);
        }
        Map<String, List<String>> inApp = new TreeMap<>();
        demo.users().forEach(u -> inApp.put(u.id(), u.groups().stream().sorted().toList()));
        assertThat(inRealm).isEqualTo(inApp);
    }

    @Test
    void theRealmHasAGroupPerRoleDepartmentAndStreetAndTheClientSendsGroups() {
        List<String> groups = new ArrayList<>();
        realm.path("groups").forEach(g -> groups.add(g.path("name").asText()));
        assertThat(groups).contains(Roles.GRID_WORKER, Roles.INTAKE, Roles.DISPATCHER, Roles.SUPERVISOR, Roles.MANAGER,
                Roles.PROCESS_OWNER, Roles.ADMIN);
        reference.departments().forEach(d -> assertThat(groups).contains(d.groupId()));
        reference.streets().forEach(s -> assertThat(groups).contains(Roles.STREET_GROUP_PREFIX + s.code(),
                Roles.STREET_SUPERVISOR_PREFIX + s.code()));
        JsonNode client = realm.path("clients").get(0);
        assertThat(client.path("clientId").asText()).isEqualTo("gridloop");
        assertThat(client.path("protocolMappers").findValuesAsText("protocolMapper")).contains("oidc-group-membership-mapper");
        assertThat(client.path("protocolMappers").findValuesAsText("claim.name")).contains("groups");
    }
}
