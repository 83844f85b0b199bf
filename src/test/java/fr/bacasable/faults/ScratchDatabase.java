package fr.bacasable.faults;

import fr.bacasable.PostgresSuite;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.Driver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * An empty PostgreSQL database of its own for a test that launches application JVMs, created on the
 * server of {@link PostgresSuite} and named after its database ({@code <database>_<suffix>}), so
 * suites sharing the server never see each other's engine tables. The test reads it directly, never
 * through the application.
 */
final class ScratchDatabase implements AutoCloseable {

    private static final int DEFAULT_PORT = 5432;

    private final String name;
    private final String url;
    private final URI server;
    private final JdbcClient jdbc;

    private ScratchDatabase(URI server, String name) {
        this.server = server;
        this.name = name;
        this.url = urlThrough(serverHost(), serverPort());
        this.jdbc = JdbcClient.create(new SimpleDriverDataSource(new Driver(), url, PostgresSuite.user(),
                PostgresSuite.password()));
    }

    /** Drops any leftover of a former run and creates the database afresh. */
    static ScratchDatabase create(String suffix) {
        URI server = URI.create(PostgresSuite.url().substring("jdbc:".length()));
        String name = server.getPath().substring(1) + "_" + suffix;
        ScratchDatabase database = new ScratchDatabase(server, name);
        database.administer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        database.administer("CREATE DATABASE " + name);
        return database;
    }

    String serverHost() {
        return server.getHost();
    }

    int serverPort() {
        return server.getPort() < 0 ? DEFAULT_PORT : server.getPort();
    }

    String url() {
        return url;
    }

    /** The URL of this database reached through another host and port (a proxy in front of the server). */
    String urlThrough(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public void close() {
        administer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void administer(String statement) {
        try (Connection connection = DriverManager.getConnection(PostgresSuite.url(), PostgresSuite.user(),
                PostgresSuite.password()); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + " failed", e);
        }
    }
}
