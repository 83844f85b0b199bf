package fr.bacasable.security;

import java.util.List;

/**
 * What a module asks of security for the processes it owns: which staff groups work their tasks in
 * Tasklist, and the Tasklist filters those groups get. Each module declares it as a bean; security applies
 * every declaration at startup, so a new phase brings its own access without editing security.
 */
public interface ProcessAccess {

    /** The groups that claim and complete the tasks of these processes (read and hand back included). */
    List<TaskWorkers> taskWorkers();

    /** The Tasklist filters for those groups: their candidate tasks and the tasks they took. */
    List<TaskFilter> tasklistFilters();

    /** The tasks of a process, worked by these groups. */
    record TaskWorkers(String processKey, List<String> groupIds) {
    }

    /**
     * A Tasklist filter of the group's candidate tasks and of those assigned to its members, in the order of
     * {@code priority} (lowest first).
     */
    record TaskFilter(String name, String description, String groupId, int priority) {
    }
}
