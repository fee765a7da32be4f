package io.gridloop.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.holunda.camunda.bpm.data.factory.VariableFactory;
import io.gridloop.casefile.TimelineAction;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The typed process contract and the files process owners edit agree: forms' options, variables, timeline actions. */
class ProcessContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every select, radio or checklist in the forms, by its key: the values it offers. */
    private static Map<String, List<String>> optionsOfForms() throws IOException {
        Map<String, List<String>> options = new HashMap<>();
        try (Stream<Path> forms = Files.list(Path.of("../forms"))) {
            for (Path f : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
                collect(JSON.readTree(f.toFile()), f, options);
            }
        }
        return options;
    }

    private static void collect(JsonNode node, Path form, Map<String, List<String>> options) {
        for (JsonNode c : node.path("components")) {
            if (c.has("values")) {
                List<String> values = new ArrayList<>();
                c.get("values").forEach(v -> values.add(v.path("value").asText()));
                List<String> before = options.put(c.path("key").asText(), values);
                assertThat(before == null || before.equals(values)).as(form + ": " + c.path("key")).isTrue();
            }
            collect(c, form, options);
        }
    }

    @Test
    void eachFormsOptionValuesAreTheValuesOfItsDecisionsEnum() throws IOException {
        Map<String, List<String>> options = optionsOfForms();
        assertThat(options).as("the decisions offered in the forms").containsOnlyKeys(CaseVariables.DECISIONS.keySet());
        CaseVariables.DECISIONS.forEach((variable, type) -> assertThat(options.get(variable)).as(variable)
                .containsExactlyElementsOf(Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
    }

    @Test
    void everyVariableNameHasItsTypedFactoryOfTheSameName() throws Exception {
        int typed = 0;
        for (Field f : CaseVariables.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class || f.getName().equals("DEPARTMENTS_OPTIONS")) {
                continue;
            }
            Field factory = CaseVariables.class.getField(f.getName() + "_VAR");
            assertThat(((VariableFactory<?>) factory.get(null)).getName()).as(f.getName()).isEqualTo(f.get(null));
            typed++;
        }
        assertThat(typed).isGreaterThan(40);
    }

    @Test
    void everyTimelineActionIsNamedInBothLanguagesAndTheBPMNsGatewaysAskOnlyEnumValues() throws IOException {
        for (String bundle : List.of("i18n/messages.properties", "i18n/messages_en.properties")) {
            Properties p = new Properties();
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(bundle)) {
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            for (TimelineAction a : TimelineAction.values()) {
                assertThat(p.getProperty("action." + a.name())).as(bundle + " action." + a).isNotBlank();
            }
        }
        // a gateway's condition compares a decision with a value of its enum, e.g. ${registerDecision == 'REJECT'}
        Map<String, Class<? extends Enum<?>>> enums = new HashMap<>(CaseVariables.DECISIONS);
        enums.put(CaseVariables.CHANNEL, io.gridloop.casefile.Channel.class);
        var model = org.camunda.bpm.model.bpmn.Bpmn.readModelFromFile(new java.io.File("../processes/caseLoop.bpmn"));
        var compare = java.util.regex.Pattern.compile("(\\w+) [=!]= '(\\w+)'");
        int compared = 0;
        for (var c : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.ConditionExpression.class)) {
            var m = compare.matcher(c.getTextContent());
            while (m.find()) {
                Class<? extends Enum<?>> type = enums.get(m.group(1));
                assertThat(type).as("an enum's variable: " + m.group()).isNotNull();
                assertThat(Arrays.stream(type.getEnumConstants()).map(Enum::name)).as(m.group()).contains(m.group(2));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(20);
    }
}
