package fr.bacasable.shared;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that cannot be reached (restart, lost connections, no connection within the pool's
 * timeout) from every other failure, by the cause chain. The engine reports a failed flush or commit
 * as an {@code OptimisticLockingException} too: such a failure is an outage, not a concurrent update.
 * A lost connection often surfaces as something else: the rollback that follows fails on the
 * connection that the pool closed meanwhile ("Application exception overridden by rollback exception",
 * "Commit exception overridden by rollback exception"), and what is thrown is that rollback's failure.
 * The pool says "Connection is closed" with no SQL state: it closes a connection in use only after a
 * connection-level failure, so that is an outage too. The failure that a rollback overrode, when Spring
 * keeps it, and the further errors of a JDBC batch are looked at as well.
 */
public final class DatabaseOutage {

    /** What a person reads while the database is away (French). */
    public static final String MESSAGE = "Service momentanément indisponible. Réessayez dans quelques secondes ; "
            + "rien de ce que vous avez envoyé n'a été enregistré à moitié.";
    public static final String TITLE = "Service momentanément indisponible";
    /** Seconds a client should wait before trying again ({@code Retry-After}). */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** SQL states of lost or refused connections and of a server shutting down (PostgreSQL 57P01–57P03). */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    private static final String CONNECTION_STATE_CLASS = "08";
    /** What the pool (HikariCP) throws when a connection it already closed is used. */
    private static final String POOL_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseOutage() {
    }

    public static boolean isCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> toSee = new ArrayDeque<>();
        toSee.push(failure);
        while (!toSee.isEmpty()) {
            Throwable cause = toSee.pop();
            if (!seen.add(cause)) {
                continue;
            }
            if (isOutage(cause)) {
                return true;
            }
            Stream.of(cause.getCause(), cause instanceof TransactionSystemException rollback
                            ? rollback.getApplicationException() : null,
                    cause instanceof SQLException sql ? sql.getNextException() : null)
                    .filter(Objects::nonNull).forEach(toSee::push);
        }
        return false;
    }

    private static boolean isOutage(Throwable cause) {
        return cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLRecoverableException || cause instanceof ConnectException
                || cause instanceof CannotCreateTransactionException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof SQLException sql && (sql.getSQLState() == null
                ? POOL_CLOSED_CONNECTION.equals(sql.getMessage())
                : sql.getSQLState().startsWith(CONNECTION_STATE_CLASS) || SHUTDOWN_STATES.contains(sql.getSQLState()));
    }
}
