/**
 * What every module truly shares and no domain owns: the programme's time zone and French dates,
 * text and e-mail address rules, rate limits, strict JSON and the answers while the database is down.
 * It does not reach the process engine.
 */
package fr.bacasable.shared;
