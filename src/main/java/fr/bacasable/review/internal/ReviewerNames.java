package fr.bacasable.review.internal;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** How staff are named to programme managers: "Prénom Nom (identifiant)". */
@Component
class ReviewerNames {

    private final IdentityService identityService;

    ReviewerNames(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** The person's name and user id; the user id alone for an account that no longer exists. */
    String of(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            return userId;
        }
        return (nullToEmpty(user.getFirstName()) + " " + nullToEmpty(user.getLastName())).strip() + " (" + userId + ")";
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
