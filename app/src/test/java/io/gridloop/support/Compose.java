package io.gridloop.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * docker-compose.yml as compose reads it: YAML with merge keys ({@code <<: *gridloop}) and compose's {@code !reset} tag,
 * {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:?message}} taken from the environment given (as the shell
 * running {@code docker compose up} would give it). The production tier starts each service natively from this.
 */
public final class Compose {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\\?|-|\\?)([^}]*))?}");

    private final Map<String, Object> services;

    @SuppressWarnings("unchecked")
    private Compose(Map<String, Object> file, Map<String, String> env) {
        this.services = (Map<String, Object>) interpolate(file.get("services"), env);
    }

    public static Compose read(Path file, Map<String, String> env) throws IOException {
        LoaderOptions options = new LoaderOptions();
        SafeConstructor constructor = new SafeConstructor(options) {
            {
                // compose's "!reset null": the merged value is dropped
                yamlConstructors.put(new Tag("!reset"), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return null;
                    }
                });
            }
        };
        try (Reader in = Files.newBufferedReader(file)) {
            Map<String, Object> parsed = new Yaml(constructor).load(in);
            return new Compose(parsed, env);
        }
    }

    /** A service's key, e.g. {@code service("keycloak", "command")}. */
    public Object service(String name, String key) {
        Map<?, ?> service = (Map<?, ?>) services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + " in docker-compose.yml");
        }
        return service.get(key);
    }

    /** A service's environment, in the map or the list form. */
    public Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        Object e = service(name, "environment");
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (e instanceof List<?> l) {
            for (Object entry : l) {
                String[] kv = String.valueOf(entry).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String name, String key) {
        Object v = service(name, key);
        return v == null ? List.of() : ((List<Object>) v).stream().map(String::valueOf).toList();
    }

    /** The host path mounted at {@code target} in a service (its volumes' short form), relative to the compose file. */
    public String volumeSource(String name, String target) {
        for (String v : list(name, "volumes")) {
            String[] parts = v.split(":");
            if (parts.length >= 2 && parts[1].equals(target)) {
                return parts[0];
            }
        }
        throw new IllegalArgumentException(name + " mounts nothing at " + target);
    }

    private static Object interpolate(Object value, Map<String, String> env) {
        if (value instanceof String s) {
            return interpolate(s, env);
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, interpolate(v, env)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(interpolate(v, env)));
            return out;
        }
        return value;
    }

    static String interpolate(String s, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(s.replace("$$", "\u0000"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            String op = m.group(2);
            boolean unset = op != null && op.startsWith(":") ? value == null || value.isEmpty() : value == null;
            if (unset && op != null && op.endsWith("?")) {
                throw new IllegalStateException("docker-compose.yml needs " + m.group(1) + ": " + m.group(3));
            }
            if (unset) {
                value = op != null && op.endsWith("-") ? m.group(3) : "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("\u0000", "$");
    }
}
