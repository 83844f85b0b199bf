/** Documents attached to applications: PDF files checked by their content, stored in the database. */
package fr.bacasable.document;
