package fr.bacasable.campaign;

import java.util.Map;

/**
 * How many applications each campaign received, for the staff's campaigns page. The application
 * module, which depends on this one, provides it.
 */
public interface ApplicationCounts {

    /** Applications received by campaign id; a campaign that received none is absent. */
    Map<String, Long> byCampaign();
}
