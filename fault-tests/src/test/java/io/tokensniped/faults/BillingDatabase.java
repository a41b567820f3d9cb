package io.tokensniped.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tokensniped.localstack.infra.Endpoints;

/**
 * The suite's oracle for money: billing's own tables, read directly (charges per solve, open holds, the ledger
 * invariant), and the switch that makes PostgreSQL refuse billing-service's connections.
 */
final class BillingDatabase {

    static final String DATABASE = "tokensniped_billing";

    private final Endpoints endpoints;

    BillingDatabase(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + endpoints.postgresHost() + ":" + endpoints.postgresPort()
                + "/" + database, endpoints.postgresUser(), endpoints.postgresPassword());
    }

    /** solve_charge entries per solve id (ids with none are absent). */
    Map<UUID, Integer> chargesPerSolve(Collection<UUID> solveIds) throws SQLException {
        Map<UUID, Integer> charges = new HashMap<>();
        try (Connection c = connect(DATABASE);
                PreparedStatement q = c.prepareStatement(
                        "select reference, count(*) from ledger_entry where type = 'solve_charge' and reference = any(?) group by reference")) {
            q.setArray(1, c.createArrayOf("varchar", solveIds.stream().map(id -> "solve:" + id).toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    charges.put(UUID.fromString(rs.getString(1).substring("solve:".length())), rs.getInt(2));
                }
            }
        }
        return charges;
    }

    /** Open holds of these accounts: admitted solves not yet settled, or holds a refused admission left behind. */
    long openHolds(Collection<UUID> accounts) throws SQLException {
        try (Connection c = connect(DATABASE);
                PreparedStatement q = c.prepareStatement(
                        "select count(*) from credit_hold where status = 'open' and account_id = any(?)")) {
            q.setArray(1, c.createArrayOf("uuid", accounts.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Accounts breaking the ledger invariant: the balance is the sum of the ledger's entries, the held credits are the
     * sum of the open holds, and 0 <= held <= credits. Empty when it holds.
     */
    List<String> ledgerViolations(Collection<UUID> accounts) throws SQLException {
        List<String> violations = new ArrayList<>();
        try (Connection c = connect(DATABASE);
                PreparedStatement q = c.prepareStatement(
                        """
                                select b.account_id, b.credits, b.held,
                                       (select coalesce(sum(e.amount), 0) from ledger_entry e where e.account_id = b.account_id),
                                       (select coalesce(sum(h.amount), 0) from credit_hold h where h.account_id = b.account_id and h.status = 'open')
                                from account_balance b where b.account_id = any(?)""")) {
            q.setArray(1, c.createArrayOf("uuid", accounts.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long credits = rs.getLong(2), held = rs.getLong(3), ledger = rs.getLong(4), holds = rs.getLong(5);
                    if (credits != ledger || held != holds || held < 0 || held > credits) {
                        violations.add(rs.getString(1) + ": credits " + credits + " vs ledger " + ledger + ", held " + held
                                + " vs open holds " + holds);
                    }
                }
            }
        }
        return violations;
    }

    /**
     * Makes PostgreSQL refuse every connection to billing's database and ends the ones open: for billing-service the
     * database is gone. Other services' databases are untouched.
     */
    void refuseConnections() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("alter database " + DATABASE + " with allow_connections false");
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DATABASE + "'");
        }
    }

    void allowConnections() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("alter database " + DATABASE + " with allow_connections true");
        }
    }
}
