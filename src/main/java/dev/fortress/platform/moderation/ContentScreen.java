package dev.fortress.platform.moderation;

/**
 * Screens text a user is about to publish. The owning module calls it inside the
 * transaction that stores the item, before it publishes its own events; a {@code HOLD}
 * verdict means the owner stores the item held (seen by its author and administrators
 * only) and the screen has queued it for a moderator in the same transaction.
 */
public interface ContentScreen {

	/**
	 * Screens the text; called once per new item (and per new title or body of an
	 * article), with a transaction active.
	 * @return {@link Screening#held()} true when the owner must store the item held; it
	 * is then queued in the caller's transaction. A passed item may still be hidden
	 * later, by a {@link ContentModerated} {@code HIDDEN}.
	 * @throws org.springframework.transaction.IllegalTransactionStateException without a
	 * transaction
	 */
	Screening screen(Submission submission);

}
