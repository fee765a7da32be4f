package io.gridloop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * The keys TranslationsTest cannot see: those built at run time ({@code "step." + step}, {@code "status." + status.name()},
 * {@code "decision." + value} …) from enums, the BPMN's user tasks and the forms' option values, the literal keys of every
 * page, and what mail says (the mail.* keys of the one bundle, Chinese and English alike, every template, label and title the mails put together). A key
 * missing shows "!step.X" on a page, or fails a mail ({@code ResourceBundle.getString}).
 *
 * <p>Enums are found by their simple name among the compiled classes, wherever their module keeps them.
 */
class RunTimeKeysTest {

    static final Properties MESSAGES = load("messages.properties");
    static final Properties MESSAGES_EN = load("messages_en.properties");
    /** What mail can say: one bundle with pages, a key's mail wording under {@code mail.<key>} first (Outbox.text). */
    static final Properties MAIL = mailView(MESSAGES);
    static final Properties MAIL_EN = mailView(MESSAGES_EN);

    static Properties mailView(Properties messages) {
        Properties p = new Properties();
        messages.stringPropertyNames().forEach(k -> {
            p.setProperty(k, messages.getProperty(k));
            if (k.startsWith("mail.")) {
                p.setProperty(k.substring("mail.".length()), messages.getProperty(k));
            }
        });
        return p;
    }

    static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = java.util.Objects.requireNonNull(RunTimeKeysTest.class.getResourceAsStream("/i18n/" + name), name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The constants of the one enum of that simple name ("Step", "SupervisionOrder$Level") under io.gridloop. */
    static List<Enum<?>> constants(String simpleName) {
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes.resolve("io/gridloop"))) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals(simpleName + ".class")).toList();
            assertThat(found).as("one enum named " + simpleName).hasSize(1);
            String name = classes.relativize(found.get(0)).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name);
            assertThat(type.isEnum()).as(name + " is an enum").isTrue();
            return Arrays.stream(type.getEnumConstants()).<Enum<?>>map(c -> (Enum<?>) c).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> names(String simpleName) {
        return constants(simpleName).stream().map(Enum::name).toList();
    }

    static List<String> each(String simpleName, String accessor) {
        return constants(simpleName).stream().map(c -> {
            try {
                Method m = c.getClass().getMethod(accessor);
                m.setAccessible(true);
                return String.valueOf(m.invoke(c));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(simpleName + "." + accessor + "()", e);
            }
        }).toList();
    }

    static Set<String> keys(String prefix, List<String> suffixes, Function<String, String> more) {
        Set<String> keys = new TreeSet<>();
        suffixes.forEach(s -> keys.add(prefix + more.apply(s)));
        return keys;
    }

    static Set<String> keys(String prefix, List<String> suffixes) {
        return keys(prefix, suffixes, s -> s);
    }

    /** Every user task of every process in processes/. */
    static List<String> userTasks() {
        try (Stream<Path> files = Files.list(Path.of("../processes"))) {
            List<String> ids = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                Bpmn.readModelFromFile(p.toFile()).getModelElementsByType(UserTask.class).forEach(t -> ids.add(t.getId()));
            }
            assertThat(ids).isNotEmpty();
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The option values of the forms' selects, radios and checklists that are codes (REGISTER, NOT_CONFIRMED …). */
    static List<String> formCodes() {
        List<String> codes = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../forms"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".form")).toList()) {
                new ObjectMapper().readTree(f.toFile()).findValues("values").forEach(values -> {
                    for (JsonNode v : values) {
                        String value = v.path("value").asText();
                        if (value.matches("[A-Z][A-Z0-9_]*")) {
                            codes.add(value);
                        }
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(codes).as("forms with coded options").isNotEmpty();
        return codes;
    }

    @Test
    void everyKeyBuiltFromAnEnumIsTranslated() {
        Set<String> wanted = new TreeSet<>();
        wanted.addAll(keys("status.", names("CaseStatus")));
        wanted.addAll(keys("channel.", names("Channel")));
        wanted.addAll(keys("urgency.", names("Urgency")));
        wanted.addAll(keys("step.", names("Step")));
        wanted.addAll(keys("kind.", names("CategoryKind")));
        wanted.addAll(keys("timeState.", names("InboxTask$TimeState")));
        wanted.addAll(keys("inbox.scope.", names("InboxQuery$Scope")));
        wanted.addAll(keys("inbox.sort.", names("InboxQuery$Sort")));
        wanted.addAll(keys("messages.status.", names("OutboxMessage$Status")));
        wanted.addAll(keys("evaluation.unit.", names("EvaluationUnit")));
        wanted.addAll(keys("evaluation.", each("Indicator", "key")));
        wanted.addAll(keys("evaluation.", each("Indicator", "key"), k -> k + ".rule"));
        wanted.addAll(keys("board.groupBy.", names("Board$Dimension")));
        wanted.addAll(keys("board.trendBy.", names("Trend$Granularity")));
        wanted.addAll(keys("supervision.level.", names("SupervisionOrder$Level")));
        wanted.addAll(keys("supervision.status.", names("SupervisionOrder$ClosedHow")));
        wanted.add("supervision.status.OPEN");
        wanted.addAll(keys("supervision.order.", names("SupervisionOrder$Cause")));
        wanted.add("supervision.order.REMINDER");
        assertThat(MESSAGES.stringPropertyNames()).containsAll(wanted);
        assertThat(MESSAGES_EN.stringPropertyNames()).containsAll(wanted);
    }

    @Test
    void everyStepOfEveryProcessAndEveryCodedAnswerIsTranslated() {
        Set<String> wanted = new TreeSet<>();
        // the inbox and the timeline name a task by its Step, or by its task id where no Step stands for it
        List<String> stepTasks = each("Step", "taskKey");
        userTasks().stream().filter(t -> !stepTasks.contains(t)).forEach(t -> wanted.add("step." + t));
        // the timeline's own steps besides the tasks
        wanted.addAll(List.of("step.REPORT", "step.FILE", "step.COCKPIT"));
        wanted.addAll(keys("decision.", formCodes()));
        wanted.addAll(keys("decision.", names("Channel")));
        assertThat(MESSAGES.stringPropertyNames()).containsAll(wanted);
        assertThat(MESSAGES_EN.stringPropertyNames()).containsAll(wanted);
    }

    private static final Pattern LITERAL_MESSAGE = Pattern.compile(
            "(?:getTranslation|translate)\\(\\s*\"([a-zA-Z][\\w.-]*[\\w-])\"\\s*[,)]");
    private static final Pattern LITERAL_MAIL = Pattern.compile("(?:label\\(|Label\\()\\s*\"([a-zA-Z][\\w.-]*[\\w-])\"\\s*[,)]");
    private static final Pattern MAIL_TEMPLATE = Pattern.compile("\"(mail\\.[a-zA-Z]+)\"");

    private static Set<String> found(Pattern pattern) {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = pattern.matcher(Files.readString(p));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    @Test
    void everyLiteralKeyOfThePagesIsTranslated() {
        Set<String> used = found(LITERAL_MESSAGE);
        assertThat(used).hasSizeGreaterThan(100);
        assertThat(MESSAGES.stringPropertyNames()).containsAll(used);
    }

    @Test
    void theEnglishMailSaysWhatTheChineseSays() {
        assertThat(MESSAGES_EN.stringPropertyNames().stream().filter(k -> k.startsWith("mail.")).toList())
                .containsExactlyInAnyOrderElementsOf(MESSAGES.stringPropertyNames().stream().filter(k -> k.startsWith("mail.")).toList());
    }

    @Test
    void everyMailTemplateLabelAndTitleIsInTheMailBundles() {
        Set<String> wanted = new TreeSet<>(found(LITERAL_MAIL));
        for (String template : found(MAIL_TEMPLATE)) {
            if (!MAIL.containsKey(template)) {
                wanted.add(template + ".subject");
                wanted.add(template + ".body");
            }
        }
        // a mail names the step it is about: any step a case can stand at when an order is opened or a step warns
        wanted.addAll(keys("step.", names("Step")));
        // an order's title and default reason, and its level (the notice list's own)
        List<String> titles = new ArrayList<>(names("SupervisionOrder$Cause"));
        titles.add("REMINDER");
        wanted.addAll(keys("order.", titles));
        wanted.addAll(keys("order.reason.", titles));
        wanted.addAll(keys("level.", names("SupervisionOrder$Level")));
        wanted.add("level.NOTICE");
        // the role groups an order can be addressed to
        wanted.addAll(keys("group.", List.of("grid-worker", "intake", "dispatcher", "supervisor", "manager")));
        assertThat(wanted).hasSizeGreaterThan(30);
        assertThat(MAIL.stringPropertyNames()).containsAll(wanted);
        assertThat(MAIL_EN.stringPropertyNames()).containsAll(wanted);
    }
}
