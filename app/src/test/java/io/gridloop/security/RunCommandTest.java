package io.gridloop.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * README's run command must start Vaadin in production mode: in development mode every visitor, signed in or not,
 * gets the dev tools' token, library versions and the list of every route. The command names the Maven profile that
 * drops {@code vaadin-dev} (without it Vaadin cannot run in development mode) and runs on the pre-compiled bundle.
 * Checked on the files, without starting another JVM; the running app was checked by hand (README).
 */
class RunCommandTest {

    private static List<String> firstFencedBlock() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../README.md"));
        List<String> block = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                if (inside) {
                    return block;
                }
                inside = true;
            } else if (inside && !line.isBlank()) {
                block.add(line.trim());
            }
        }
        throw new AssertionError("README has no fenced block");
    }

    @Test
    void readmesRunCommandStartsVaadinInProductionModeAndTheTestCommandStaysPlain() throws Exception {
        List<String> commands = firstFencedBlock();
        assertThat(commands).hasSize(2);
        assertThat(commands.get(1)).isEqualTo("./mvnw -B verify");
        String run = commands.get(0);
        assertThat(run).contains("spring-boot:run");
        Matcher profile = Pattern.compile("-P\\s*([\\w,-]+)").matcher(run);
        assertThat(profile.find()).as("the run command names a Maven profile: %s", run).isTrue();
        List<String> profiles = Arrays.asList(profile.group(1).split(","));

        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        NodeList all = pom.getElementsByTagName("profile");
        boolean dropsDevMode = false;
        for (int i = 0; i < all.getLength(); i++) {
            Element p = (Element) all.item(i);
            if (!profiles.contains(text(p, "id"))) {
                continue;
            }
            NodeList exclusions = p.getElementsByTagName("exclusion");
            for (int j = 0; j < exclusions.getLength(); j++) {
                Element e = (Element) exclusions.item(j);
                dropsDevMode |= "com.vaadin".equals(text(e, "groupId")) && "vaadin-dev".equals(text(e, "artifactId"));
            }
            assertThat(p.getTextContent()).as("no npm: the pre-compiled bundle").doesNotContain("forceProductionBuild");
        }
        assertThat(dropsDevMode).as("profile %s drops com.vaadin:vaadin-dev", profiles).isTrue();
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
