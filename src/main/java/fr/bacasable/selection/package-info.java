/**
 * Selection of a campaign's shortlisted applications: the ranked list, the proposal by capacity
 * (laureates, advised projects, reserve list) and its export for the committee.
 */
package fr.bacasable.selection;
