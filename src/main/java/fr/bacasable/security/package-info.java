/**
 * Staff identity and access: the Camunda groups of the programme, their authorizations, the
 * Tasklist filters, the protection of the engine REST API and the production safety checks.
 */
package fr.bacasable.security;
