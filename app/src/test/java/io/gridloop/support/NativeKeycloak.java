package io.gridloop.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keycloak's distribution (unpacked by the build into target/keycloak) run as compose's keycloak service: its image's
 * {@code kc.sh build …} (from the service's dockerfile_inline) once, then compose's {@code command} with compose's
 * environment, the realm file compose mounts, and compose's healthcheck asked with bash. A copy of the distribution
 * under target/production/keycloak is built, so the keycloak tier's development-mode server keeps its own.
 */
public final class NativeKeycloak implements AutoCloseable {

    private final Process process;
    private final Path log;

    private NativeKeycloak(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Copies the distribution (once) and runs the image's build step when its options changed. */
    public static Path prepare(Path work, String dockerfile) throws Exception {
        Path home = work.resolve("keycloak");
        if (!Files.isDirectory(home.resolve("bin"))) {
            Path dist;
            try (Stream<Path> dirs = Files.list(Path.of("target", "keycloak"))) {
                dist = dirs.filter(p -> p.getFileName().toString().startsWith("keycloak-")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no Keycloak in target/keycloak: run the build (./mvnw verify)"));
            }
            ProductionJar.deleteTree(home);
            Files.createDirectories(work);
            run(List.of("cp", "-a", dist.toAbsolutePath().toString(), home.toString()), work.resolve("keycloak-copy.log"), Map.of());
        }
        String build = dockerfile.lines().filter(l -> l.contains("kc.sh build")).findFirst()
                .orElseThrow(() -> new IllegalStateException("compose's keycloak image has no kc.sh build step"));
        List<String> args = new ArrayList<>(List.of(home.resolve("bin").resolve("kc.sh").toString(), "build"));
        args.addAll(Arrays.asList(build.substring(build.indexOf("kc.sh build") + "kc.sh build".length()).trim().split("\\s+")));
        Path marker = home.resolve("gridloop-build-options");
        String options = String.join(" ", args.subList(2, args.size()));
        if (!Files.exists(marker) || !Files.readString(marker).equals(options)) {
            run(args, work.resolve("keycloak-build.log"), Map.of("JAVA_HOME", KeycloakServer.java21().toString()));
            Files.writeString(marker, options);
        }
        return home;
    }

    public static NativeKeycloak start(Path home, List<String> command, Map<String, String> env, Path realm, Path log) throws Exception {
        Path data = home.resolve("data");
        ProductionJar.deleteTree(data);
        Files.createDirectories(data.resolve("import"));
        Files.copy(realm, data.resolve("import").resolve("gridloop-realm.json"));
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin").resolve("kc.sh").toString()));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("JAVA_HOME", KeycloakServer.java21().toString());
        pb.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        return new NativeKeycloak(pb.start(), log);
    }

    /** Compose's healthcheck ({@code CMD-SHELL}) run with bash, with the management port mapped. */
    public boolean healthy(String test) throws Exception {
        if (!process.isAlive()) {
            throw new IllegalStateException("Keycloak stopped; see " + log + "\n" + ProductionJar.tail(log));
        }
        Process p = new ProcessBuilder("bash", "-c", test).redirectErrorStream(true).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    public void awaitHealthy(String test, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (healthy(test)) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Keycloak not healthy within " + timeout + "; see " + log + "\n" + ProductionJar.tail(log));
    }

    private static void run(List<String> command, Path log, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log + "\n" + ProductionJar.tail(log));
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
