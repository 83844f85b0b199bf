package fr.bacasable.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** A lost database is told from a real concurrent update or any other failure by the cause chain. */
class DatabaseOutageTest {

    @Test
    void lostConnectionsPoolTimeoutsAndServerShutdownsAreOutages() {
        assertThat(DatabaseOutage.isCause(new SQLTransientConnectionException("HikariPool-1 - Connection is not "
                + "available, request timed out after 3000ms"))).isTrue();
        assertThat(DatabaseOutage.isCause(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(DatabaseOutage.isCause(new ProcessEngineException("ENGINE-03004 flush failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseOutage.isCause(new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE "
                + "TaskEntity' failed", new SQLException("terminating connection due to administrator command",
                "57P01")))).as("a failed flush during a restart is no concurrent update").isTrue();
    }

    @Test
    void aLostConnectionHiddenBehindAFailedRollbackOrInABatchIsAnOutage() {
        assertThat(DatabaseOutage.isCause(new ProcessEngineException("An exception occurred in the persistence layer",
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")))))
                .as("Commit exception overridden by rollback exception, on a connection the pool closed").isTrue();

        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("rollback failed"));
        rollback.initApplicationException(new ProcessEngineException("An exception occurred in the persistence layer",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(DatabaseOutage.isCause(new ProcessEngineException("An exception occurred in the persistence layer",
                rollback))).as("Application exception overridden by rollback exception").isTrue();

        BatchUpdateException nextOnly = new BatchUpdateException("Batch entry 0 was aborted", null, new int[0]);
        nextOnly.setNextException(new SQLException("This connection has been closed.", "08003"));
        assertThat(DatabaseOutage.isCause(nextOnly)).as("the batch's further errors").isTrue();

        assertThat(DatabaseOutage.isCause(new AssertionError("pgStatement.getConnection().getAutoCommit() should not "
                + "throw", new SQLException("This connection has been closed.", "08003")))).isTrue();
    }

    @Test
    void aConcurrentUpdateAConstraintOrABugAreNot() {
        assertThat(DatabaseOutage.isCause(new OptimisticLockingException("ENGINE-03005 Entity was updated by "
                + "another transaction concurrently"))).isFalse();
        assertThat(DatabaseOutage.isCause(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseOutage.isCause(new IllegalStateException("bug"))).isFalse();
        TransactionSystemException rollback = new TransactionSystemException("JDBC commit failed",
                new SQLException("could not serialize access", "40001"));
        rollback.initApplicationException(new IllegalStateException("bug"));
        assertThat(DatabaseOutage.isCause(rollback)).isFalse();
    }
}
