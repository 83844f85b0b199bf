package fr.bacasable.application;

import java.util.Optional;

/**
 * A part of the staff case page that another module contributes (the reviews, the selection…), as a
 * Spring bean of that module, so that a new phase adds its part without changing the page.
 */
public interface CaseSection extends PageSection {

    /** What the section shows of the application to this reader; empty when it shows them nothing. */
    Optional<Object> content(ApplicationDetails application, CaseReader reader);
}
