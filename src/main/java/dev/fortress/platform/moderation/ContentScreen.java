package dev.fortress.platform.moderation;

/**
 * Screens text a user is about to publish. The owning module calls it inside the
 * transaction that stores the item, before it publishes its own events; a {@code HOLD}
 * verdict means the owner stores the item held (seen by its author and administrators
 * only) and the screen has queued it for a moderator in the same transaction.
 */
public interface ContentScreen {

	Screening screen(Submission submission);

}
