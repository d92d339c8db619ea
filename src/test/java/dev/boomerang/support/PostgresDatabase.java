package dev.boomerang.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throw-away PostgreSQL database for one test class, on the server named by {@code BOOMERANG_TEST_PG_URL}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user {@code BOOMERANG_TEST_PG_USER} or postgres).
 * There is no skipping: when PostgreSQL cannot be reached the test fails and says so.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final String SERVER = env("BOOMERANG_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("BOOMERANG_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("BOOMERANG_TEST_PG_PASSWORD", "");

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    public static PostgresDatabase create() {
        String name = "boomerang_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("PostgreSQL is needed by this test and could not be reached at " + SERVER
                    + " as " + USER + " (set BOOMERANG_TEST_PG_URL / _USER / _PASSWORD): " + ex.getMessage(), ex);
        }
        return new PostgresDatabase(name);
    }

    public String url() {
        return SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /**
     * Points a Spring test context at this database, with a Quartz scheduler name of its own (two contexts in
     * one JVM would otherwise share one scheduler).
     */
    public void register(DynamicPropertyRegistry registry, String schedulerName) {
        registry.add("spring.datasource.url", this::url);
        registry.add("spring.datasource.username", this::user);
        registry.add("spring.datasource.password", this::password);
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> schedulerName);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("could not drop test database " + name, ex);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
