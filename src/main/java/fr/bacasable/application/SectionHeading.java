package fr.bacasable.application;

/**
 * Where a contributed section goes and how it shows: sections follow the page's own parts, smallest
 * {@code order} first, under their French {@code title}; {@code template} is the contributing
 * module's template holding the fragment {@code section(content)}, e.g. {@code staff/sections/review}.
 */
public record SectionHeading(int order, String title, String template) {
}
