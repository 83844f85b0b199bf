/**
 * Campaigns (calls for projects): publication through {@code CallForProjectsProcess}, opening and
 * closing on their dates, and the public listing of open campaigns.
 */
package fr.bacasable.campaign;
