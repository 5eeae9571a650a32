package io.shopup.coupons.validationlog.control;

import io.shopup.coupons.validationlog.entity.LogRecord;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes log records into {@code validation_logs}, one transaction per call: with COPY, which
 * measured about 40% faster than JDBC batches of multi-row INSERTs on a table of millions of rows
 * (see docs/performance.md), falling back to those batches where the connection is not PostgreSQL's own.
 * Each write carries an id, recorded in {@code validation_log_writes} in the same transaction: a
 * write whose id is there already happened, and is skipped. For a stop, every call can be bounded
 * by a deadline (see {@link CallDeadline}).
 */
public class LogTable {

    private static final Logger LOG = Logger.getLogger(LogTable.class.getName());
    static final String COPY = """
            COPY validation_logs (coupon_code, user_id, order_id, order_value, is_valid, validation_reason,
                                  discount_applied, final_amount, ip_address, user_agent, response_time_ms,
                                  validated_at, coupon_id)
            FROM STDIN (FORMAT csv)""";

    static final String INSERT = """
            INSERT INTO validation_logs (coupon_code, user_id, order_id, order_value, is_valid, validation_reason,
                                         discount_applied, final_amount, ip_address, user_agent, response_time_ms,
                                         validated_at, coupon_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    static final String DEAD_LETTER = "INSERT INTO validation_log_errors (record, error) VALUES (?, ?)";
    static final String MARK_WRITTEN = """
            INSERT INTO validation_log_writes (write_id, row_count) VALUES (?, ?)
            ON CONFLICT (write_id) DO NOTHING""";
    static final String FORGET = "DELETE FROM validation_log_writes WHERE write_id = ANY (?)";

    private final DataSource dataSource;
    private final CallDeadline deadline = new CallDeadline();
    private volatile boolean copyWorks = true;
    private volatile boolean modeLogged;

    public LogTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param readLimitMillis see {@link CallDeadline#limitReadsTo} */
    public LogTable(DataSource dataSource, int readLimitMillis) {
        this(dataSource);
        deadline.limitReadsTo(readLimitMillis);
    }

    /**
     * From now on every statement gets at most the time left before {@code deadline} (and at
     * least {@value CallDeadline#MIN_MILLIS} ms), a call already running included.
     */
    public void limitTo(Instant deadline, Clock clock) {
        this.deadline.limitTo(deadline, clock);
    }

    /** Cuts the connection of a call still running (at the deadline); its caller gets an exception. */
    /** A connection from the pool; a stop may interrupt the wait for one (see {@link CallDeadline#abortRunning}). */
    private Connection connect() throws SQLException {
        deadline.connecting();
        try {
            return dataSource.getConnection();
        } finally {
            deadline.connected();
        }
    }

    public void abortCallInFlight() {
        deadline.abortRunning();
    }

    /** What the next statement may take, in milliseconds: 0 while no deadline is set. */
    int callLimitMillis() {
        return deadline.millisLeft();
    }

    /** True when the database refused the record itself (data or constraint), not the connection. */
    public static boolean isRecordError(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** True when a statement ran longer than PostgreSQL's {@code statement_timeout}. */
    public static boolean isStatementTimeout(SQLException e) {
        return "57014".equals(e.getSQLState());
    }

    /**
     * All records in one transaction, or none, unless a write with this id already happened.
     * The transaction is spelled out here and in the two methods below rather than shared through
     * a lambda: at shutdown the writer must not need a class it has not loaded yet.
     *
     * @param settled ids of earlier writes whose outcome the writer knows: their marks are deleted
     * @return false when the write had already happened (nothing is written again)
     * @throws SQLTimeoutException when writing the rows took longer than the statement timeout.
     *         This attempt held the write's mark, so no earlier attempt has committed, nor can any
     *         commit any more: nothing of the write is in the table, and a smaller one may fit in
     *         time. A timeout before the mark is taken (waiting, perhaps, for an earlier attempt
     *         still running) is a plain {@link SQLException}: the outcome of that attempt is unknown.
     */
    public boolean write(String writeId, List<LogRecord> records, Collection<String> settled) throws SQLException {
        try (Connection c = connect()) {
            deadline.begin(c);
            try {
                c.setAutoCommit(false);
                return write(c, writeId, records, settled);
            } finally {
                deadline.end();
            }
        }
    }

    private boolean write(Connection c, String writeId, List<LogRecord> records, Collection<String> settled)
            throws SQLException {
        boolean fresh = false;
        boolean committing = false;
        try {
            deadline.startTransaction(c);
            forget(c, settled);
            fresh = markWritten(c, writeId, records.size());
            deadline.beforeStatement(c);
            if (fresh && usesCopy(c)) {
                copyAll(c, records);
            } else if (fresh) {
                insertAll(c, records);
            }
            deadline.beforeStatement(c);
            committing = true;
            c.commit();
            return fresh;
        } catch (SQLException e) {
            c.rollback();
            if (fresh && !committing && isStatementTimeout(e)) {
                throw new SQLTimeoutException(e.getMessage(), e.getSQLState(), e);
            }
            throw e;
        } catch (LinkageError | ClassCastException e) {
            // The pool's driver classes are not this application's: use plain batches from now on.
            copyWorks = false;
            LOG.warning("COPY is not available on this connection pool; writing with INSERT batches: " + e);
            c.rollback();
            return write(c, writeId, records, settled);
        } catch (RuntimeException e) {
            // A record that cannot even be bound: nothing of this write, its mark included, may stay.
            c.rollback();
            throw e;
        }
    }

    private boolean usesCopy(Connection c) throws SQLException {
        boolean copy = copyWorks && c.isWrapperFor(PGConnection.class);
        if (!modeLogged) {
            modeLogged = true;
            LOG.info(copy ? "The validation log writes with COPY" : "The validation log writes with INSERT batches");
        }
        return copy;
    }

    /** Like {@link #write} with JDBC batches of multi-row INSERTs: the fallback, and the benchmark's baseline. */
    public boolean writeWithBatches(String writeId, List<LogRecord> records) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                boolean fresh = markWritten(c, writeId, records.size());
                if (fresh) {
                    insertAll(c, records);
                }
                c.commit();
                return fresh;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Puts a record the table refused into the dead letters, unless a write with this id already happened. */
    public boolean deadLetter(String writeId, LogRecord record, String error, Collection<String> settled)
            throws SQLException {
        try (Connection c = connect()) {
            deadline.begin(c);
            try {
                c.setAutoCommit(false);
                return deadLetter(c, writeId, record, error, settled);
            } finally {
                deadline.end();
            }
        }
    }

    private boolean deadLetter(Connection c, String writeId, LogRecord record, String error,
                               Collection<String> settled) throws SQLException {
        try {
            deadline.startTransaction(c);
            forget(c, settled);
            boolean fresh = markWritten(c, writeId, 1);
            if (fresh) {
                deadline.beforeStatement(c);
                deadLetter(c, record, error);
            }
            deadline.beforeStatement(c);
            c.commit();
            return fresh;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /**
     * Writes a spilled segment exactly once: the segment's name is its write id. Records the
     * database refuses go to the dead letters, in that transaction too.
     *
     * @return the number of dead-lettered records, or -1 when the segment had already been written
     */
    public int replay(String segment, List<LogRecord> records) throws SQLException {
        try (Connection c = connect()) {
            deadline.begin(c);
            try {
                c.setAutoCommit(false);
                return replay(c, segment, records);
            } finally {
                deadline.end();
            }
        }
    }

    private int replay(Connection c, String segment, List<LogRecord> records) throws SQLException {
        try {
            deadline.startTransaction(c);
            if (!markWritten(c, segment, records.size())) {
                c.rollback();
                return -1;
            }
            deadline.beforeStatement(c);
            insertAll(c, records);
            deadline.beforeStatement(c);
            c.commit();
            return 0;
        } catch (SQLException e) {
            c.rollback();
            if (!isRecordError(e)) {
                throw e;
            }
        } catch (RuntimeException e) {
            // A record that cannot even be bound (a damaged segment): isolate it below.
            c.rollback();
        }
        int dead = 0;
        try {
            deadline.startTransaction(c);
            markWritten(c, segment, records.size());
            for (LogRecord record : records) {
                deadline.beforeStatement(c);
                Savepoint before = c.setSavepoint();
                try {
                    insertAll(c, List.of(record));
                    c.releaseSavepoint(before);
                } catch (SQLException e) {
                    if (!isRecordError(e)) {
                        throw e;
                    }
                    c.rollback(before);
                    deadLetter(c, record, e.getMessage());
                    dead++;
                } catch (RuntimeException e) {
                    c.rollback(before);
                    deadLetter(c, record, String.valueOf(e));
                    dead++;
                }
            }
            deadline.beforeStatement(c);
            c.commit();
            return dead;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private static boolean markWritten(Connection c, String writeId, int rows) throws SQLException {
        try (PreparedStatement mark = c.prepareStatement(MARK_WRITTEN)) {
            mark.setString(1, writeId);
            mark.setInt(2, rows);
            return mark.executeUpdate() == 1;
        }
    }

    private static void forget(Connection c, Collection<String> settled) throws SQLException {
        if (settled.isEmpty()) {
            return;
        }
        try (PreparedStatement forget = c.prepareStatement(FORGET)) {
            forget.setArray(1, c.createArrayOf("text", settled.toArray()));
            forget.executeUpdate();
        }
    }

    private static void insertAll(Connection c, List<LogRecord> records) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (LogRecord r : records) {
                insert.setString(1, r.couponCode());
                insert.setString(2, r.userId());
                insert.setString(3, r.orderId());
                insert.setBigDecimal(4, r.orderValue());
                insert.setBoolean(5, r.valid());
                insert.setString(6, r.reason());
                insert.setBigDecimal(7, r.discountApplied());
                insert.setBigDecimal(8, r.finalAmount());
                insert.setString(9, r.ipAddress());
                insert.setString(10, r.userAgent());
                insert.setBigDecimal(11, r.responseTimeMs());
                insert.setTimestamp(12, Timestamp.from(r.validatedAt()));
                if (r.couponId() == null) {
                    insert.setNull(13, Types.BIGINT);
                } else {
                    insert.setLong(13, r.couponId());
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void copyAll(Connection c, List<LogRecord> records) throws SQLException {
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(LogRecordCsv.write(records)));
        } catch (IOException e) {
            throw new SQLException("COPY into validation_logs failed", "08006", e);
        }
    }

    private static void deadLetter(Connection c, LogRecord record, String error) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(DEAD_LETTER)) {
            // PostgreSQL text cannot hold NUL; the JSON form escapes it.
            insert.setString(1, LogRecordJson.write(record));
            insert.setString(2, error == null ? "unknown error" : error.replace('\u0000', ' '));
            insert.executeUpdate();
        }
    }
}
