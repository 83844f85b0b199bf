/** What every module truly shares: the wiring of the engine to the application's own database. */
package fr.bacasable.shared;
