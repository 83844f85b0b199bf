/**
 * E-mails to applicants: French templates rendered into an outbox table in the caller's
 * transaction, then sent over SMTP by an async process step ({@code deliverNotifications}) whose
 * job retries on failure. Without an SMTP server the messages stay in the outbox, listed for
 * programme managers and administrators on {@code /staff/outbox}.
 */
package fr.bacasable.notification;
