/**
 * The process engine's wiring that every module relies on without naming it: the engine is built
 * once the Flyway migrations have run, and its clock is the application's {@link java.time.Clock}.
 */
package fr.bacasable.engine;
