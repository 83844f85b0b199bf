/**
 * E-mails to applicants and staff: French templates rendered into an outbox table in the caller's
 * transaction, then delivered over SMTP by the module's own dispatcher (polled every few seconds,
 * leases shared safely by several nodes, retries on a schedule, FAILED after the last one). No process
 * step sends mail. Messages, their state and failures are listed for programme managers and
 * administrators on {@code /staff/outbox}, where a failed one can be sent again.
 */
package fr.bacasable.notification;
