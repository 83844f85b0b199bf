package fr.bacasable.shared;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached (restart, lost connections, no connection within the pool's
 * timeout) from every other failure, by the cause chain. The engine reports a failed flush or commit
 * as an {@code OptimisticLockingException} too: such a failure is an outage, not a concurrent update.
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

    private DatabaseOutage() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException || cause instanceof ConnectException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_STATE_CLASS)
                    || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
