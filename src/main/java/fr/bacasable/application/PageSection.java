package fr.bacasable.application;

/**
 * What a module's part of a page has in common, on the staff case page ({@link CaseSection}) or the
 * applicant's tracking page ({@link TrackingSection}): its place, heading and template.
 */
public interface PageSection {

    SectionHeading heading();
}
