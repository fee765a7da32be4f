package io.gridloop.support;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The production jar as app/Dockerfile builds it: its {@code RUN ./mvnw …} line (the production profile: Vaadin in
 * production mode on its pre-compiled bundle, no vaadin-dev) run on a copy of the repository under
 * target/production/src, so the test build's own target/classes (development mode) stays as it is; and the image's
 * {@code ENTRYPOINT} to start it. Built again only when something built into it is newer than the jar.
 */
public final class ProductionJar {

    private static final Set<String> NOT_COPIED = Set.of(".git", "target", "node_modules", "data", ".idea");
    /** Not looked at for "changed since the jar": the deployment files, and what every build of app/ writes again. */
    private static final Set<String> NOT_BUILT = Set.of("deploy", "generated");

    private ProductionJar() {}

    /** The repository root (the tests run in app/). */
    public static Path root() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    public static Path build(Path work) throws Exception {
        Path src = work.resolve("src");
        Path jar = findJar(src);
        FileTime newest = FileTime.fromMillis(0);
        for (String input : List.of("pom.xml", "app/pom.xml", "app/Dockerfile", "app/src/main", "processes", "forms", "config")) {
            FileTime t = newestSource(root().resolve(input));
            newest = t.compareTo(newest) > 0 ? t : newest;
        }
        if (jar != null && Files.getLastModifiedTime(jar).compareTo(newest) > 0) {
            return jar;
        }
        deleteTree(src);
        copyTree(root(), src);
        List<String> command = new ArrayList<>(Arrays.asList(dockerfileLine("RUN ./mvnw").substring("RUN ".length()).trim().split("\\s+")));
        command.set(0, src.resolve("mvnw").toString());
        command.add(1, "-q");
        Path log = work.resolve("jar-build.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(src.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the production jar did not build: see " + log + "\n" + tail(log));
        }
        jar = findJar(src);
        if (jar == null) {
            throw new IllegalStateException("the production build made no jar: see " + log);
        }
        return jar;
    }

    /** The image's ENTRYPOINT, e.g. {@code java -XX:MaxRAMPercentage=75 -jar /app/gridloop.jar}. */
    public static List<String> entrypoint() throws IOException {
        String line = dockerfileLine("ENTRYPOINT");
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(line);
        List<String> args = new ArrayList<>();
        while (m.find()) {
            args.add(m.group(1));
        }
        return args;
    }

    private static String dockerfileLine(String prefix) throws IOException {
        return Files.readAllLines(root().resolve("app").resolve("Dockerfile")).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("app/Dockerfile has no " + prefix + " line"));
    }

    private static Path findJar(Path src) throws IOException {
        Path target = src.resolve("app").resolve("target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("gridloop-app-.*\\.jar")).findFirst().orElse(null);
        }
    }

    private static FileTime newestSource(Path root) throws IOException {
        FileTime[] newest = {FileTime.fromMillis(0)};
        if (Files.isRegularFile(root)) {
            return Files.getLastModifiedTime(root);
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName().toString();
                return !dir.equals(root) && (NOT_COPIED.contains(name) || NOT_BUILT.contains(name)) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.lastModifiedTime().compareTo(newest[0]) > 0) {
                    newest[0] = attrs.lastModifiedTime();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return newest[0];
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
