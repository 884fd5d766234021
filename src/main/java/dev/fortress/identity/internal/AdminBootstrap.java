package dev.fortress.identity.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import dev.fortress.identity.Role;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * Makes sure an admin exists when {@code FORTRESS_ADMIN_EMAIL} and
 * {@code FORTRESS_ADMIN_PASSWORD} are set: creates the account, or promotes and
 * re-enables an existing one. The password of an existing account is left alone.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final IdentityProperties properties;

	private final Accounts accounts;

	private final Users users;

	AdminBootstrap(IdentityProperties properties, Accounts accounts, Users users) {
		this.properties = properties;
		this.accounts = accounts;
		this.users = users;
	}

	@Override
	public void run(ApplicationArguments args) {
		String email = this.properties.adminEmail();
		if (email.isEmpty() || this.properties.adminPassword().isEmpty()) {
			return;
		}
		User existing = this.users.findByEmail(User.normalizeEmail(email)).orElse(null);
		if (existing == null) {
			try {
				this.accounts.create(email, this.properties.adminPassword(), "Administrator", Role.ADMIN);
				log.info("Created admin account {}", User.normalizeEmail(email));
			}
			catch (ApiException ex) {
				if (ex.type() == ProblemType.CONFLICT) {
					return; // another instance created it at the same moment
				}
				throw new IllegalStateException("FORTRESS_ADMIN_PASSWORD is not acceptable: " + ex.errors(), ex);
			}
		}
		else if (existing.role() != Role.ADMIN || existing.disabled()) {
			this.accounts.update(existing.id(), Role.ADMIN, false);
			log.info("Promoted {} to admin", existing.email());
		}
	}

}
