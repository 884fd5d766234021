package dev.fortress.realtime.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a live update once the publishing transaction has committed (at once without one),
 * and never lets it fail the caller: the change is already committed, and a live view is
 * best effort. Used instead of {@code @TransactionalEventListener}, for which the event
 * publication registry would write and complete a row per event and listener (ADR 0071).
 */
final class AfterCommit {

	private static final Logger log = LoggerFactory.getLogger(AfterCommit.class);

	private AfterCommit() {
	}

	static void run(Runnable update) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			quietly(update);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				quietly(update);
			}
		});
	}

	private static void quietly(Runnable update) {
		try {
			update.run();
		}
		catch (RuntimeException ex) {
			log.warn("A live update was not sent: {}", ex.toString());
		}
	}

}
