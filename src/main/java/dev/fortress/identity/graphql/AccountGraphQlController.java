package dev.fortress.identity.graphql;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.identity.UserSummary;
import dev.fortress.identity.internal.Accounts;
import dev.fortress.identity.internal.User;
import dev.fortress.platform.web.ApiException;

@Controller
class AccountGraphQlController {

	private final Accounts accounts;

	AccountGraphQlController(Accounts accounts) {
		this.accounts = accounts;
	}

	@QueryMapping
	AccountView me(CurrentUser caller) {
		return AccountView.of(this.accounts.get(caller.id()));
	}

	/**
	 * A person's e-mail address is theirs: other members see the name on a task, not how
	 * to reach its owner outside Fortress. Only the person and ADMINs read it.
	 */
	@SchemaMapping(typeName = "Person", field = "email")
	@Nullable String email(UserSummary person, CurrentUser caller) {
		if (!caller.isAdmin() && !caller.id().equals(person.id())) {
			throw ApiException.forbidden("Only the person and administrators may read an e-mail address");
		}
		return person.email();
	}

	/** The account as the schema shows it: never the password hash. */
	record AccountView(UUID id, String email, String displayName, Role role, boolean disabled, Instant createdAt) {

		static AccountView of(User user) {
			return new AccountView(user.id(), user.email(), user.displayName(), user.role(), user.disabled(),
					user.createdAt());
		}

	}

}
