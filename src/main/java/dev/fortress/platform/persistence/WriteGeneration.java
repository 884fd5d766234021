package dev.fortress.platform.persistence;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A number that moves on once a write to some tables has committed in this instance, so a
 * cache can put it into its keys and never serve an entry read before the write.
 * <p>
 * It moves after the commit, not before: a reader that sees the new number started its
 * statement after the commit and so reads the new rows, while a reader that captured the
 * old number files its result under the old key, which nobody asks for any more. Moving
 * it earlier would let a read that begins between the move and the commit cache the old
 * rows under the new number.
 */
public final class WriteGeneration {

	private final AtomicLong value = new AtomicLong();

	private final Object resourceKey = new Object();

	/** The current generation; capture it before reading what is to be cached. */
	public long current() {
		return this.value.get();
	}

	/**
	 * Records a write: moves the generation when the current transaction commits, or at
	 * once when there is none (the statement has committed by itself). Several writes in
	 * one transaction move it once.
	 */
	public void written() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.value.incrementAndGet();
			return;
		}
		if (TransactionSynchronizationManager.hasResource(this.resourceKey)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(this.resourceKey, Boolean.TRUE);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(WriteGeneration.this.resourceKey);
				if (status == STATUS_COMMITTED) {
					WriteGeneration.this.value.incrementAndGet();
				}
			}

		});
	}

}
