package fr.bacasable.application;

/**
 * What a module's part of a page has in common, on the staff case page ({@link CaseSection}) or the
 * applicant's tracking page ({@link TrackingSection}): its place, heading and template. The template
 * lives in the contributing module's folder and holds the fragment {@code section(content)}.
 */
public interface PageSection {

    /** Sections follow the page's own parts, smallest order first. */
    int order();

    /** The section's heading, in French. */
    String title();

    /** The template holding the fragment {@code section(content)}, e.g. {@code staff/sections/review}. */
    String template();
}
