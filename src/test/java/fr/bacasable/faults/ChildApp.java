package fr.bacasable.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application in a JVM of its own, launched from the test JVM's class path (so it works under
 * Surefire before packaging), on a fixed port kept across restarts, its output in
 * {@code target/faults/<name>.log}. {@link #kill()} is {@code kill -9}.
 */
final class ChildApp implements AutoCloseable {

    static final String MAIN_CLASS = "fr.bacasable.BacASableApp";
    static final String STAFF_PASSWORD = "Faults-Secret-42";

    private static final Logger LOG = LoggerFactory.getLogger(ChildApp.class);
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Map<String, String> properties;
    private final Path log;
    private Process process;

    /**
     * A node on this database URL, sending mail to this SMTP port, with the demo staff accounts
     * (password {@link #STAFF_PASSWORD}) and the demo campaign but no demo application.
     */
    static ChildApp onPostgres(String name, String databaseUrl, String user, String password, int smtpPort,
            Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.profiles.active", "postgres");
        properties.put("spring.datasource.url", databaseUrl);
        properties.put("spring.datasource.username", user);
        properties.put("spring.datasource.password", password);
        properties.put("bas.security.demo-enabled", "true");
        properties.put("bas.security.demo-password", STAFF_PASSWORD);
        properties.put("bas.demo.seed-applications", "false");
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", Integer.toString(smtpPort));
        properties.put("bas.mail.from", "bac-a-sable@cnil.test");
        properties.putAll(extra);
        return new ChildApp(name, properties);
    }

    private ChildApp(String name, Map<String, String> properties) {
        this.name = name;
        this.port = freePort();
        this.properties = properties;
        this.log = Path.of("target", "faults", name + ".log");
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill, name + "-killer"));
    }

    String name() {
        return name;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Launches the JVM and waits until it answers over HTTP; returns how long that took. */
    synchronized Duration start() {
        Instant launched = Instant.now();
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "==== " + name + " launched at " + launched + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + name, e);
        }
        awaitReady(launched);
        Duration took = Duration.between(launched, Instant.now());
        LOG.info("{} ready on port {} in {} ms (pid {})", name, port, took.toMillis(), process.pid());
        return took;
    }

    /** {@code kill -9}: the JVM gets no chance to finish anything. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("{} killed (pid {})", name, process.pid());
        process = null;
    }

    @Override
    public void close() {
        kill();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.timezone=Europe/Paris",
                "-cp", classPath(), MAIN_CLASS, "--server.port=" + port,
                "--bas.public-url=http://127.0.0.1:" + port,
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                // One test client plays every applicant and every staff member: per-client limits off.
                "--bas.limits.submissions-per-client=100000", "--bas.limits.submissions-per-recipient=100000",
                "--bas.limits.login-failures-per-client=100000",
                "--bas.limits.login-failures-per-client-and-user=100000"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        return command;
    }

    /**
     * Surefire names the full test class path here (its own java.class.path may be a manifest-only
     * jar). An empty entry would put the working directory, with its processes/ and forms/, on the
     * class path a second time.
     */
    private static String classPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void awaitReady(Instant launched) {
        Instant limit = launched.plus(STARTUP_LIMIT);
        while (Instant.now().isBefore(limit)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at startup (code " + process.exitValue()
                        + "); see " + log.toAbsolutePath());
            }
            if (answers()) {
                return;
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " not ready after " + STARTUP_LIMIT + "; see " + log.toAbsolutePath());
    }

    private boolean answers() {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri("/api/campaigns")).timeout(Duration.ofSeconds(5)).build();
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
