package dev.fortress.identity.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import dev.fortress.identity.Role;

/**
 * The current role and status of accounts, as every authenticated request needs them. A
 * short-lived cache keeps this off the database for busy users; changes made through this
 * instance evict at once, changes made on another instance show within {@link #TTL}. So a
 * disabled account's access tokens stop working immediately here and within seconds
 * everywhere, well inside the 15-minute token lifetime.
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

	/** The account if it exists and is enabled. */
	Optional<Snapshot> active(UUID userId) {
		return this.cache
			.get(userId, id -> this.users.findById(id).map(user -> new Snapshot(user.role(), user.disabled())))
			.filter(snapshot -> !snapshot.disabled());
	}

	void evict(UUID userId) {
		this.cache.invalidate(userId);
	}

	record Snapshot(Role role, boolean disabled) {
	}

}
