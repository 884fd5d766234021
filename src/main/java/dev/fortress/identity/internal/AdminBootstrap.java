package dev.fortress.identity.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.identity.Role;
import dev.fortress.platform.web.ApiException;

/**
 * Makes sure the account named by {@code FORTRESS_ADMIN_EMAIL} is an active admin that
 * answers to {@code FORTRESS_ADMIN_PASSWORD}: it creates the account, or leaves an
 * existing active admin as it is (its owner may have changed the password since).
 * <p>
 * Anyone can register any e-mail, so an existing account that is not an active admin may
 * have been registered by someone else under the admin's address. It is never promoted as
 * it is: its password is reset to the configured one and all its sessions end, in the
 * same transaction that makes it an admin (ADR 0005). An unacceptable configured password
 * stops the start.
 * <p>
 * This runs once every singleton exists, before the web server is started: no request is
 * served while the outcome is still open.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final IdentityProperties properties;

	private final Accounts accounts;

	private final Users users;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final Sessions sessions;

	private final TransactionTemplate transactions;

	private final Clock clock;

	AdminBootstrap(IdentityProperties properties, Accounts accounts, Users users, PasswordPolicy policy,
			PasswordHasher hasher, Sessions sessions, TransactionTemplate transactions, Clock clock) {
		this.properties = properties;
		this.accounts = accounts;
		this.users = users;
		this.policy = policy;
		this.hasher = hasher;
		this.sessions = sessions;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String password = this.properties.adminPassword();
		if (this.properties.adminEmail().isEmpty() || password.isEmpty()) {
			return;
		}
		try {
			this.policy.check("FORTRESS_ADMIN_PASSWORD", password);
		}
		catch (ApiException ex) {
			throw new IllegalStateException("FORTRESS_ADMIN_PASSWORD is not acceptable: " + ex.errors(), ex);
		}
		String email = User.normalizeEmail(this.properties.adminEmail());
		User admin = this.users.findByEmail(email).filter(User::isActiveAdmin).orElse(null);
		if (admin != null) {
			leaveAlone(admin, password);
			return;
		}
		String hash = this.hasher.hash(password);
		this.transactions.executeWithoutResult(tx -> ensureAdmin(email, hash));
	}

	private void leaveAlone(User admin, String configuredPassword) {
		if (this.hasher.matches(configuredPassword, admin.passwordHash())) {
			log.info("Admin account {} is in place", admin.email());
			return;
		}
		// Its owner may have changed the password, which a restart must not undo. But
		// earlier
		// versions promoted an existing account without its password: say so, once per
		// start.
		log.warn("Admin account {} does not answer to FORTRESS_ADMIN_PASSWORD and is left as it is. If nobody "
				+ "changed its password on purpose, someone else may have registered it before it was made admin: "
				+ "disable it and configure another FORTRESS_ADMIN_EMAIL", admin.email());
	}

	private void ensureAdmin(String email, String hash) {
		if (this.accounts.insert(email, hash, "Administrator", Role.ADMIN).isPresent()) {
			log.info("Created admin account {}", email);
			return;
		}
		User existing = this.users.lockByEmail(email).orElseThrow();
		if (existing.isActiveAdmin()) {
			return; // another instance got there in the meantime
		}
		this.users.makeAdmin(existing.id(), hash, this.clock.instant());
		this.sessions.endAll(existing.id());
		log.warn(
				"FORTRESS_ADMIN_EMAIL names {}, an existing account that was not an active admin: its password "
						+ "was reset to FORTRESS_ADMIN_PASSWORD and all its sessions ended before it was made an admin",
				email);
	}

}
