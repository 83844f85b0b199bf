package fr.bacasable.application;

/** An answer offered to applicants: a stable code (the enum name) and its French label. */
public interface Choice {

    String name();

    String label();
}
