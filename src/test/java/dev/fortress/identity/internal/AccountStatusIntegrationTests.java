package dev.fortress.identity.internal;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The account-status cache must never outlive a change it was read before. */
class AccountStatusIntegrationTests extends IntegrationTest {

	@Autowired
	Accounts accounts;

	@Autowired
	AccountStatus status;

	@Autowired
	TransactionTemplate transactions;

	/**
	 * A request that reads the account while a disable is still uncommitted sees it
	 * enabled and caches that; the eviction must come after the commit, or the stale
	 * entry keeps the account's tokens alive for the cache's lifetime.
	 */
	@Test
	void aStatusReadWhileADisableIsUncommittedIsNotKeptAfterTheCommit() throws Exception {
		TestUser user = newUser("cache-race");
		ExecutorService otherRequest = Executors.newSingleThreadExecutor();
		try {
			this.transactions.executeWithoutResult(tx -> {
				this.accounts.update(user.id(), null, true);
				Optional<?> seenMeanwhile = get(otherRequest, () -> this.status.active(user.id(), 0));
				assertThat(seenMeanwhile).as("the disable is not committed yet").isPresent();
			});
			assertThat(this.status.active(user.id(), 0)).as("after the commit").isEmpty();
		}
		finally {
			otherRequest.shutdownNow();
			otherRequest.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	private static <T> T get(ExecutorService executor, java.util.concurrent.Callable<T> work) {
		try {
			return executor.submit(work).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
