package dev.fortress.tasks.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The memory store's share in a Spring transaction: the previous value of every entry it
 * wrote, restored in reverse order if the transaction rolls back. Outside a transaction
 * writes are final, as they are with auto-commit JDBC.
 */
final class MemoryUndoLog implements TransactionSynchronization {

	private static final MemoryUndoLog NONE = new MemoryUndoLog(new Object());

	private final Deque<Runnable> undo = new ArrayDeque<>();

	private final Object lock;

	private MemoryUndoLog(Object lock) {
		this.lock = lock;
	}

	/** The log of the current transaction for the store guarded by {@code lock}. */
	static MemoryUndoLog current(Object lock) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return NONE;
		}
		MemoryUndoLog log = (MemoryUndoLog) TransactionSynchronizationManager.getResource(lock);
		if (log == null) {
			log = new MemoryUndoLog(lock);
			TransactionSynchronizationManager.bindResource(lock, log);
			TransactionSynchronizationManager.registerSynchronization(log);
		}
		return log;
	}

	<V> void remember(Map<java.util.UUID, V> map, java.util.UUID key, @Nullable V previous) {
		if (this == NONE) {
			return;
		}
		this.undo.push(() -> {
			if (previous == null) {
				map.remove(key);
			}
			else {
				map.put(key, previous);
			}
		});
	}

	@Override
	public void afterCompletion(int status) {
		TransactionSynchronizationManager.unbindResourceIfPossible(this.lock);
		if (status != STATUS_COMMITTED) {
			synchronized (this.lock) {
				this.undo.forEach(Runnable::run);
			}
		}
		this.undo.clear();
	}

}
