package fr.bacasable.security.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bacasable.security.StaffGroups;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A person completing a task writes only the fields of that task's form, each a plain value of
 * bounded length: ids, the reference, decisions and every other variable the process relies on
 * stay out of people's reach, whatever the route (Tasklist, engine REST). The steps after the task
 * then validate the values themselves. Administrators and the application are not limited.
 * <p>
 * It also marks the commands that move a process on a person's behalf, so that what the model then
 * does (next tasks, their candidates) is not taken for the person's own request.
 */
class PeopleCommandGuard extends CommandInterceptor {

    static final int VALUE_MAX = 4000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Class<?>> PROCESS_STEPS = Set.of(CompleteTaskCmd.class, SubmitTaskFormCmd.class,
            SubmitStartFormCmd.class, HandleTaskBpmnErrorCmd.class, HandleTaskEscalationCmd.class);
    private static final ThreadLocal<Integer> PROCESS_STEP_DEPTH = ThreadLocal.withInitial(() -> 0);

    /** Whether the current command runs inside a process step that a person started (a completion…). */
    static boolean insideProcessStep() {
        return PROCESS_STEP_DEPTH.get() > 0;
    }

    @Override
    public <T> T execute(Command<T> command) {
        if (!PROCESS_STEPS.contains(command.getClass())) {
            return next.execute(command);
        }
        checkFormSubmission(command);
        PROCESS_STEP_DEPTH.set(PROCESS_STEP_DEPTH.get() + 1);
        try {
            return next.execute(command);
        } finally {
            PROCESS_STEP_DEPTH.set(PROCESS_STEP_DEPTH.get() - 1);
        }
    }

    private static void checkFormSubmission(Command<?> command) {
        if ((command instanceof SubmitTaskFormCmd || command instanceof CompleteTaskCmd) && isPerson()) {
            Map<String, ?> variables = argument(command, command instanceof SubmitTaskFormCmd ? "properties" : "variables");
            String taskId = argument(command, "taskId");
            CommandContext commandContext = Context.getCommandContext();
            TaskEntity task = taskId == null ? null : commandContext.getTaskManager().findTaskById(taskId);
            if (task != null) {
                checkMayWork(commandContext, task);
            }
            if (variables != null && !variables.isEmpty() && task != null) {
                check(variables, formFields(taskId));
            }
        }
    }

    /**
     * The engine's own check, made first. When someone else has just completed the task, its grants
     * are gone with it: the loser is told of the concurrent change (409), not refused (403).
     */
    private static void checkMayWork(CommandContext commandContext, TaskEntity task) {
        try {
            commandContext.getProcessEngineConfiguration().getCommandCheckers()
                    .forEach(checker -> checker.checkTaskWork(task));
        } catch (AuthorizationException refused) {
            if (commandContext.getDbSqlSession().selectOne("selectTask", task.getId()) == null) {
                throw new OptimisticLockingException("Task " + task.getId() + " was completed meanwhile");
            }
            throw refused;
        }
    }

    private static void check(Map<String, ?> variables, Set<String> formFields) {
        for (Map.Entry<String, ?> variable : variables.entrySet()) {
            String name = variable.getKey();
            if (!formFields.contains(name)) {
                throw new FormFieldValidationException(name, "Le champ « " + name + " » ne fait pas partie du formulaire de "
                        + "cette tâche.");
            }
            Object value = variable.getValue() instanceof TypedValue typed ? typed.getValue() : variable.getValue();
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean
                    || value instanceof Date)) {
                throw new FormFieldValidationException(name, "Le champ « " + name + " » doit être un texte, un nombre, "
                        + "une date ou un booléen.");
            }
            if (value instanceof String text && text.length() > VALUE_MAX) {
                throw new FormFieldValidationException(name, "Ce texte est trop long (" + VALUE_MAX + " caractères au plus).");
            }
        }
    }

    /** The keys of the editable fields of the task's Camunda Form; none for a task without one. */
    private static Set<String> formFields(String taskId) {
        CommandContext commandContext = Context.getCommandContext();
        return commandContext.runWithoutAuthorization(() -> {
            try (InputStream form = Context.getProcessEngineConfiguration().getFormService().getDeployedTaskForm(taskId)) {
                Set<String> keys = new HashSet<>();
                collectKeys(JSON.readTree(form).path("components"), keys);
                return keys;
            } catch (BadUserRequestException noForm) {
                return Set.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void collectKeys(JsonNode components, Set<String> keys) {
        for (JsonNode component : components) {
            boolean editable = !component.path("readonly").asBoolean(false) && !component.path("disabled").asBoolean(false);
            if (component.hasNonNull("key") && editable) {
                keys.add(component.get("key").asText());
            }
            collectKeys(component.path("components"), keys);
        }
    }

    private static boolean isPerson() {
        CommandContext commandContext = Context.getCommandContext();
        List<String> groupIds = commandContext.getAuthenticatedGroupIds();
        return commandContext.getAuthenticatedUserId() != null
                && (groupIds == null || !groupIds.contains(StaffGroups.CAMUNDA_ADMIN));
    }

    /** The engine's commands keep their arguments in protected fields, with no getter. */
    @SuppressWarnings("unchecked")
    private static <V> V argument(Command<?> command, String name) {
        try {
            Field field = command.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return (V) field.get(command);
        } catch (ReflectiveOperationException e) {
            throw new ProcessEngineException("Cannot read argument " + name + " of " + command.getClass().getName(), e);
        }
    }
}
