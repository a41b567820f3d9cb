package io.tokensniped.support.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The outbox table's one migration, on a real PostgreSQL: it creates the table on a new database, and brings the
 * tables keys-service and billing-service created in their own scripts before it existed to the same shape without
 * losing a row. (Under deploy/local/test.sh the suite's shared PostgreSQL is used; alone, an embedded one.)
 */
class OutboxMigrationTest {

    /** keys-service's V4__outbox.sql, as installs applied it. */
    private static final String KEYS_HISTORY = """
            create table outbox_event (
                id uuid primary key, seq bigserial not null unique, topic varchar(64) not null,
                event_key varchar(300) not null, event_type varchar(64) not null, payload text not null,
                created_at timestamptz not null, published_at timestamptz);
            create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
            create index outbox_event_published on outbox_event (published_at) where published_at is not null;
            """;
    /** billing-service's V3__outbox.sql then V5__outbox_sequence.sql, as installs applied them. */
    private static final String BILLING_HISTORY = """
            create table outbox_event (
                id uuid primary key, topic varchar(64) not null, event_key varchar(128) not null,
                event_type varchar(64) not null, payload text not null, created_at timestamptz not null,
                published_at timestamptz);
            create index outbox_event_unpublished on outbox_event (created_at, id) where published_at is null;
            create index outbox_event_published on outbox_event (published_at) where published_at is not null;
            alter table outbox_event add column seq bigserial not null unique;
            drop index outbox_event_unpublished;
            create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
            """;

    private static EmbeddedPostgres embedded;
    private static String server;
    private static String user;
    private static String password;

    @BeforeAll
    static void postgres() throws Exception {
        String host = System.getenv("POSTGRES_HOST");
        if (host != null) {
            server = "jdbc:postgresql://" + host + ":" + System.getenv().getOrDefault("POSTGRES_PORT", "5432") + "/";
            user = System.getenv().getOrDefault("POSTGRES_USER", "postgres");
            password = System.getenv().getOrDefault("POSTGRES_PASSWORD", "postgres");
        } else {
            embedded = EmbeddedPostgres.start();
            server = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/";
            user = "postgres";
            password = "postgres";
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void aNewDatabaseGetsTheTable() throws Exception {
        String db = database();
        migrate(db);
        assertShape(db);
    }

    @Test
    void keysServicesExistingTableUpgradesCleanlyAndKeepsItsRows() throws Exception {
        String db = database();
        run(db, KEYS_HISTORY + insert("k", 1));
        migrate(db);
        assertShape(db);
        assertEquals(1, count(db));
    }

    @Test
    void billingServicesNarrowerTableIsWidenedAndKeepsItsRows() throws Exception {
        String db = database();
        run(db, BILLING_HISTORY + insert("account", 2));
        migrate(db);
        assertShape(db);
        assertEquals(2, count(db));
        run(db, insert("x".repeat(300), 1)); // a key billing's varchar(128) refused
        assertEquals(3, count(db));
    }

    @Test
    void runningItAgainChangesNothing() throws Exception {
        String db = database();
        migrate(db);
        run(db, "delete from flyway_schema_history"); // as if its checksum had changed: Flyway runs it once more
        migrate(db);
        assertShape(db);
    }

    private static void migrate(String db) {
        Flyway.configure().dataSource(server + db, user, password).locations("classpath:db/outbox")
                .baselineOnMigrate(true).load().migrate(); // the historical tables came without Flyway here
    }

    private static void assertShape(String db) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            ResultSet columns = s.executeQuery("select string_agg(column_name || ' ' || data_type"
                    + " || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable, ', '"
                    + " order by column_name) from information_schema.columns where table_name = 'outbox_event'");
            columns.next();
            assertEquals("created_at timestamp with time zone NO, event_key character varying(300) NO, "
                    + "event_type character varying(64) NO, id uuid NO, payload text NO, "
                    + "published_at timestamp with time zone YES, seq bigint NO, topic character varying(64) NO",
                    columns.getString(1));
            ResultSet indexes = s.executeQuery("select string_agg(indexdef, '; ' order by indexname) from pg_indexes"
                    + " where tablename = 'outbox_event' and indexname like 'outbox_event_%publ%'");
            indexes.next();
            assertTrue(indexes.getString(1).contains("(published_at) WHERE (published_at IS NOT NULL)"), indexes.getString(1));
            assertTrue(indexes.getString(1).contains("(seq) WHERE (published_at IS NULL)"), indexes.getString(1));
        }
    }

    private static String insert(String key, int rows) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            sql.append("insert into outbox_event (id, topic, event_key, event_type, payload, created_at) values ('")
                    .append(UUID.randomUUID()).append("', 't', '").append(key).append("', 'E', '{}', now());\n");
        }
        return sql.toString();
    }

    private static long count(String db) throws SQLException {
        try (Connection c = connect(db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from outbox_event")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String database() throws SQLException {
        String name = "outbox_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return name;
    }

    private static void run(String db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(server + db, user, password);
    }
}
