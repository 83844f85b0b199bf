package fr.bacasable.security.internal;

import fr.bacasable.shared.DatabaseOutage;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Two people completing the same task at once: the engine REST API wraps the loser's optimistic
 * locking failure, or the task already gone, in a 500. Here they become a 409 with a French message,
 * as Tasklist and API clients expect. A database that cannot be reached (the engine reports a failed
 * flush as an optimistic locking failure too) becomes a 503 with {@code Retry-After}, never a 500 nor a
 * false 409. Every other error keeps the engine's own answer. The engine's exception mappers answer
 * before any servlet filter sees an exception, so these mappers are set on every JAX-RS application
 * of the engine, through Jersey's auto-discovery ({@code META-INF/services}): {@code /engine-rest}
 * and the web applications' {@code /camunda/api/…} alike.
 */
@ConstrainedTo(RuntimeType.SERVER)
@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
public final class EngineRestConflicts implements AutoDiscoverable {

    /** What the engine says when a concurrent completion moved the task's execution on first. */
    static final String EXECUTION_MOVED_ON = "it has no current activity";
    static final String CONCURRENT_CHANGE =
            "Cette tâche vient d'être traitée par quelqu'un d'autre : rechargez-la avant de recommencer.";

    @Override
    public void configure(FeatureContext context) {
        Stream.of(ConflictMapper.class, EngineFailureMapper.class, AnyFailureMapper.class)
                .filter(mapper -> !context.getConfiguration().isRegistered(mapper)).forEach(context::register);
    }

    @Priority(1)
    static class ConflictMapper implements ExceptionMapper<RestException> {

        @Override
        public Response toResponse(RestException exception) {
            if (DatabaseOutage.isCause(exception)) {
                return unavailable();
            }
            if (causedBy(exception, OptimisticLockingException.class)
                    || causedBy(exception, NullValueException.class) && exception.getMessage().contains("task is null")
                    || exception.getMessage() != null && exception.getMessage().contains(EXECUTION_MOVED_ON)) {
                return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("type", "OptimisticLockingException", "message", CONCURRENT_CHANGE)).build();
            }
            Response.Status status = exception.getStatus() == null ? Response.Status.INTERNAL_SERVER_ERROR
                    : exception.getStatus();
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ExceptionDto.fromException(exception)).build();
        }

        private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An engine exception thrown as is (queries, a lost connection during a flush). */
    @Priority(1)
    static class EngineFailureMapper implements ExceptionMapper<ProcessEngineException> {

        @Override
        public Response toResponse(ProcessEngineException exception) {
            return unavailableOrEngineAnswer(exception);
        }
    }

    /** Anything else, e.g. no transaction could be opened because no connection came in time. */
    @Priority(1)
    static class AnyFailureMapper implements ExceptionMapper<Throwable> {

        @Override
        public Response toResponse(Throwable exception) {
            return unavailableOrEngineAnswer(exception);
        }
    }

    /** A 503 for a database outage, else what the engine REST API answers on its own. */
    static Response unavailableOrEngineAnswer(Throwable exception) {
        return DatabaseOutage.isCause(exception) ? unavailable()
                : ExceptionHandlerHelper.getInstance().getResponse(exception);
    }

    static Response unavailable() {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS)
                .entity(Map.of("type", "ServiceUnavailable", "message", DatabaseOutage.MESSAGE)).build();
    }
}
