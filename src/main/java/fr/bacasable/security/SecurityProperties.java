package fr.bacasable.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Staff accounts created at startup.
 *
 * @param adminId the administrator's user id
 * @param adminPassword the administrator's password; no administrator is created when blank
 * @param demoEnabled whether the local demo accounts exist (one per group, see {@link StaffGroups})
 * @param demoPassword the password of every demo account
 */
@ConfigurationProperties("bas.security")
public record SecurityProperties(String adminId, String adminPassword, boolean demoEnabled, String demoPassword) {
}
