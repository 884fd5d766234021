package dev.fortress.identity.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.fortress.identity.Role;

/**
 * The current role, status and session generation of accounts, as every authenticated
 * request needs them. A short-lived cache keeps this off the database for busy users;
 * changes made through this instance evict once they commit, changes made on another
 * instance show within {@link #TTL}. So a disabled account's access tokens stop working
 * immediately here and within seconds everywhere, well inside the 15-minute token
 * lifetime.
 */
@Component
class AccountStatus {

	static final Duration TTL = Duration.ofSeconds(10);

	private final Cache<UUID, Optional<Snapshot>> cache = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(TTL)
		.build();

	private final Users users;

	AccountStatus(Users users) {
		this.users = users;
	}

	/**
	 * The account if it exists, is enabled and is still in the session generation the
	 * caller's token was issued in.
	 */
	Optional<Snapshot> active(UUID userId, long tokenGeneration) {
		return this.cache
			.get(userId,
					id -> this.users.findById(id)
						.map(user -> new Snapshot(user.role(), user.disabled(), user.sessionGeneration())))
			.filter(snapshot -> !snapshot.disabled() && snapshot.sessionGeneration() == tokenGeneration);
	}

	/**
	 * Forgets the account once the current transaction (if any) has ended: evicting
	 * earlier would let a request that reads the old row before the commit cache it again
	 * for another {@link #TTL}.
	 */
	void evict(UUID userId) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.cache.invalidate(userId);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				AccountStatus.this.cache.invalidate(userId);
			}
		});
	}

	record Snapshot(Role role, boolean disabled, long sessionGeneration) {
	}

}
