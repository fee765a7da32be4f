package io.gridloop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Chinese is the default bundle; English must say the same things. */
class TranslationsTest {

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = TranslationsTest.class.getResourceAsStream("/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishHasExactlyTheKeysOfChinese() throws Exception {
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");
        assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(zh.stringPropertyNames());
    }

    @Test
    void chineseIsTheDefaultAndArgumentsAreFilledIn() {
        Translations t = new Translations();
        assertThat(t.getTranslation("nav.inbox", Locale.SIMPLIFIED_CHINESE)).isEqualTo("待办任务");
        assertThat(t.getTranslation("nav.inbox", Locale.GERMAN)).as("unknown languages get Chinese").isEqualTo("待办任务");
        assertThat(t.getTranslation("nav.inbox", Locale.ENGLISH)).isEqualTo("Inbox");
        assertThat(t.getTranslation("report.done", Locale.SIMPLIFIED_CHINESE, "2026-000001", "ABCD2345EFGH")).isEqualTo("已上报,案件编号 2026-000001,查询码 ABCD2345EFGH");
        assertThat(t.getTranslation("no.such.key", Locale.ENGLISH)).isEqualTo("!no.such.key");
    }

    @Test
    void everyErrorKeyTheCodeRaisesIsTranslated() throws Exception {
        Properties zh = load("messages.properties");
        java.util.Set<String> used = new java.util.TreeSet<>();
        java.util.regex.Pattern key = java.util.regex.Pattern.compile("\"((?:error|form)\\.[a-zA-Z.]+)\"");
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            for (java.nio.file.Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var m = key.matcher(java.nio.file.Files.readString(p));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(zh.stringPropertyNames()).containsAll(used);
    }

    @Test
    void pagesAndMailReadOneBundleInWhichEveryKeyLivesOnce() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/i18n"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("messages.properties", "messages_en.properties");
        }
        for (String bundle : java.util.List.of("messages.properties", "messages_en.properties")) {
            java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("src/main/resources/i18n", bundle))) {
                if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                    seen.merge(line.substring(0, line.indexOf('=')).strip(), 1, Integer::sum);
                }
            }
            assertThat(seen).as(bundle).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
        }
        // the context's MessageSource is the pages' and the mail's
        org.springframework.context.MessageSource source = io.gridloop.system.Messages.messageSource();
        assertThat(source.getMessage("mail.filed.subject", new Object[] {"2026-000001"}, Locale.ENGLISH)).contains("2026-000001");
        assertThat(source.getMessage("nav.inbox", null, Locale.SIMPLIFIED_CHINESE)).isEqualTo("待办任务");
        assertThat(new Translations().getTranslation("mail.step.VERIFY", Locale.ENGLISH)).isEqualTo("verification");
        assertThat(new Translations().getTranslation("step.VERIFY", Locale.ENGLISH)).isEqualTo("Verify");
    }
}
