package fr.bacasable.application;

import java.util.Optional;

/**
 * A part of the applicant's tracking page that another module contributes (the selection's
 * decision…), as a Spring bean of that module. It shows only what the applicant may see: never a
 * reviewer's name.
 */
public interface TrackingSection extends PageSection {

    /** What the section shows the applicant now; empty when it shows nothing yet. */
    Optional<Object> content(TrackedApplication tracked);
}
