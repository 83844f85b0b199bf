package fr.bacasable.security.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two people completing the same task at once: the engine REST API wraps the loser's optimistic
 * locking failure, or the task already gone, in a 500. Here they become a 409 with a French message,
 * as Tasklist and API clients expect; every other error keeps the engine's own answer.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestConflicts {

    static final String CONCURRENT_CHANGE =
            "Cette tâche vient d'être traitée par quelqu'un d'autre : rechargez-la avant de recommencer.";

    @Bean
    ResourceConfigCustomizer engineRestConflictMapping() {
        return config -> config.register(ConflictMapper.class);
    }

    @Priority(1)
    static class ConflictMapper implements ExceptionMapper<RestException> {

        @Override
        public Response toResponse(RestException exception) {
            if (causedBy(exception, OptimisticLockingException.class)
                    || causedBy(exception, NullValueException.class) && exception.getMessage().contains("task is null")) {
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
}
