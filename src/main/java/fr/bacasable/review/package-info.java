/**
 * Legal and technical review of complete applications: conflict-of-interest declarations, scores
 * per criterion with justifications, the four-eyes rule, consensus when reviewers diverge.
 */
package fr.bacasable.review;
