/** Applications: the public portal, intake, tracking and the application review process. */
package fr.bacasable.application;
