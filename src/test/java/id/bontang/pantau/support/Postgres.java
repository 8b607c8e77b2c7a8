package id.bontang.pantau.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database of its own on the machine's PostgreSQL (127.0.0.1:5432, trust authentication), dropped afterwards. */
public final class Postgres implements AutoCloseable {

    public static final String HOST = "jdbc:postgresql://127.0.0.1:5432/";
    public static final String USER = "postgres";

    private final String name;

    public Postgres() {
        this.name = "pantau_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
    }

    public String name() {
        return name;
    }

    public String url() {
        return HOST + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    /** The single number a query answers (count(*) and the like). */
    public long number(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row a query answers, as text. */
    public java.util.List<String> texts(String sql) {
        java.util.List<String> all = new java.util.ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                all.add(r.getString(1));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The single text a query answers (the first row's first column). */
    public String text(String sql) {
        return texts(sql).stream().findFirst().orElseThrow(() -> new IllegalStateException("no row: " + sql));
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** A statement on the server itself (roles, databases), outside any test database. */
    public static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(HOST + "postgres", USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 (see DESIGN.md): " + sql, e);
        }
    }
}
