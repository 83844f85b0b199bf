package fr.bacasable.security;

import java.util.Arrays;
import java.util.List;

/** A staff member logged in to the Camunda web applications, and so to the application's staff pages. */
public record StaffUser(String userId, List<String> groupIds) {

    public StaffUser {
        groupIds = List.copyOf(groupIds);
    }

    public boolean isMemberOfAny(String... groups) {
        return Arrays.stream(groups).anyMatch(groupIds::contains);
    }
}
