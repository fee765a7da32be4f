package io.gridloop.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's nginx with config/deploy/nginx.conf, as compose's proxy runs it: only the upstream addresses (compose's host
 * names) and the published port mapped to loopback, plus what an unprivileged process needs (its own prefix, pid, logs
 * and temporary files under target/). A foreground process of the test, stopped with it.
 */
public final class NativeNginx implements AutoCloseable {

    public static final String NGINX = System.getProperty("gridloop.nginx", "/usr/sbin/nginx");

    private final Process process;
    private final Path dir;

    private NativeNginx(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    /**
     * @param upstreams compose's "host:port" of each node and the loopback address that stands for it
     * @param port the proxy's published port here (compose publishes 8080:80)
     */
    public static NativeNginx start(Path conf, Path dir, Map<String, String> upstreams, int port) throws Exception {
        if (!Files.isExecutable(Path.of(NGINX))) {
            throw new IllegalStateException("the production tier needs Debian's nginx (nginx-light): .ci/install-test-tools installs it");
        }
        ProductionJar.deleteTree(dir);
        Files.createDirectories(dir.resolve("logs"));
        String text = Files.readString(conf);
        for (Map.Entry<String, String> u : upstreams.entrySet()) {
            if (!text.contains("server " + u.getKey())) {
                throw new IllegalStateException(conf + " has no upstream " + u.getKey());
            }
            text = text.replace("server " + u.getKey(), "server " + u.getValue());
        }
        if (!text.contains("listen 80;")) {
            throw new IllegalStateException(conf + " no longer listens on 80");
        }
        text = text.replace("listen 80;", "listen 127.0.0.1:" + port + ";");
        // Debian's nginx keeps temporary files and the access log under /var: relative paths are under the prefix
        text = text.replaceFirst("http \\{", """
                http {
                  client_body_temp_path temp/body;
                  proxy_temp_path temp/proxy;
                  fastcgi_temp_path temp/fastcgi;
                  uwsgi_temp_path temp/uwsgi;
                  scgi_temp_path temp/scgi;
                  access_log logs/access.log;""");
        Path generated = dir.resolve("nginx.conf");
        Files.writeString(generated, text);
        Files.createDirectories(dir.resolve("temp"));
        Process process = new ProcessBuilder(List.of(NGINX, "-p", dir.toString() + "/", "-c", generated.toString(),
                "-e", dir.resolve("logs").resolve("error.log").toString(),
                "-g", "daemon off; pid " + dir.resolve("nginx.pid") + ";"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs").resolve("stdout.log").toFile()).start();
        NativeNginx nginx = new NativeNginx(process, dir);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx stopped: " + Files.readString(dir.resolve("logs").resolve("error.log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return nginx;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx did not listen on " + port);
    }

    public Path accessLog() {
        return dir.resolve("logs").resolve("access.log");
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
