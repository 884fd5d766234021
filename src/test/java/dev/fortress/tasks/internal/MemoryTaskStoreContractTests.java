package dev.fortress.tasks.internal;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** The task store contract on the in-memory store: plain JUnit, no Spring context. */
class MemoryTaskStoreContractTests extends TaskStoreContract {

	private final UUID user = UUID.randomUUID();

	/**
	 * The user's memberships, which the store resolves through the function it is given.
	 */
	private final Set<UUID> joined = ConcurrentHashMap.newKeySet();

	private final MemoryTaskStore store = new MemoryTaskStore(
			member -> member.equals(this.user) ? Set.copyOf(this.joined) : Set.of());

	@Override
	protected TaskStore store() {
		return this.store;
	}

	@Override
	protected UUID user() {
		return this.user;
	}

	@Override
	protected UUID newProject() {
		return UUID.randomUUID();
	}

	@Override
	protected UUID newCategory(UUID project) {
		return UUID.randomUUID();
	}

	@Override
	protected void join(UUID project) {
		this.joined.add(project);
	}

	@Override
	protected TransactionTemplate transactions() {
		return new TransactionTemplate(new NoResourceTransactionManager());
	}

	/** Transactions with synchronisation but no resource: all the memory store needs. */
	static class NoResourceTransactionManager extends AbstractPlatformTransactionManager {

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

	}

}
