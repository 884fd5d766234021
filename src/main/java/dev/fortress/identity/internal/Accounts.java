package dev.fortress.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.identity.PasswordChanged;
import dev.fortress.identity.Role;
import dev.fortress.identity.UserRegistered;
import dev.fortress.platform.Ids;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Cursors;
import dev.fortress.platform.web.ProblemType;

/**
 * Account use cases: registration, login, password change and administration. Password
 * hashing runs outside database transactions so a slow hash never holds a connection.
 */
@Service
public class Accounts {

	private static final String BAD_CREDENTIALS = "E-mail or password is incorrect";

	private final Users users;

	private final PasswordHasher hasher;

	private final PasswordPolicy policy;

	private final LoginThrottle throttle;

	private final Sessions sessions;

	private final AccountStatus status;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Accounts(Users users, PasswordHasher hasher, PasswordPolicy policy, LoginThrottle throttle, Sessions sessions,
			AccountStatus status, ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
		this.users = users;
		this.hasher = hasher;
		this.policy = policy;
		this.throttle = throttle;
		this.sessions = sessions;
		this.status = status;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * @throws ApiException 409 if the e-mail is taken, 400 if the password is weak
	 */
	public User register(String email, String password, String displayName) {
		this.policy.check("password", password);
		return insert(email, this.hasher.hash(password), displayName, Role.EDITOR)
			.orElseThrow(() -> ApiException.conflict("An account with this e-mail already exists"));
	}

	/**
	 * Creates the account unless its e-mail is taken (then: empty) and announces it.
	 * Joins the caller's transaction, if there is one.
	 */
	Optional<User> insert(String email, String passwordHash, String displayName, Role role) {
		Instant now = this.clock.instant();
		User user = new User(Ids.newId(), User.normalizeEmail(email), displayName.trim(), passwordHash, role, false, 0,
				0, now, now);
		if (!this.users.insert(user)) {
			return Optional.empty();
		}
		this.events.publishEvent(
				new UserRegistered(user.id(), user.email(), user.displayName(), now, EventMetadata.now(this.clock)));
		return Optional.of(user);
	}

	/**
	 * Same status, body and (roughly) time whether the e-mail is unknown or the password
	 * is wrong: an unknown e-mail is verified against a dummy hash.
	 */
	public TokenPair login(String email, String password) {
		String normalized = User.normalizeEmail(email);
		this.throttle.checkAllowed(normalized);
		Optional<User> found = this.users.findByEmail(normalized);
		if (found.isEmpty()) {
			this.hasher.matchesNothing(password);
			this.throttle.recordFailure(normalized);
			throw new ApiException(ProblemType.UNAUTHORIZED, BAD_CREDENTIALS);
		}
		User user = found.get();
		if (!this.hasher.matches(password, user.passwordHash()) || user.disabled()) {
			this.throttle.recordFailure(normalized);
			throw new ApiException(ProblemType.UNAUTHORIZED, BAD_CREDENTIALS);
		}
		if (this.hasher.needsRehash(user.passwordHash())) {
			this.users.updatePasswordHash(user.id(), this.hasher.hash(password), this.clock.instant());
		}
		return this.sessions.start(user);
	}

	/**
	 * Changes the password and ends every session (refresh tokens are revoked, access
	 * tokens stop working). The current password is guarded by the same per-account
	 * failure throttle as login: a stolen access token must not turn this into an
	 * unthrottled password oracle.
	 */
	public void changePassword(UUID userId, String currentPassword, String newPassword) {
		User user = get(userId);
		this.throttle.checkAllowed(user.email());
		if (!this.hasher.matches(currentPassword, user.passwordHash())) {
			this.throttle.recordFailure(user.email());
			throw ApiException.invalid("currentPassword", "is incorrect");
		}
		this.policy.check("newPassword", newPassword);
		String hash = this.hasher.hash(newPassword);
		this.transactions.executeWithoutResult(tx -> {
			this.users.updatePasswordHash(userId, hash, this.clock.instant());
			this.sessions.endAll(userId);
			this.events.publishEvent(new PasswordChanged(userId, EventMetadata.now(this.clock)));
		});
	}

	public User get(UUID userId) {
		return this.users.findById(userId).orElseThrow(() -> ApiException.notFound("User"));
	}

	public CursorPage<User> list(String cursor, int limit) {
		List<String> after = Cursors.decode(cursor, 1);
		UUID from = after.isEmpty() ? new UUID(0, 0) : parseCursorId(after.get(0));
		return CursorPage.of(this.users.page(from, limit + 1), limit, user -> Cursors.encode(user.id()));
	}

	/**
	 * Changes an account's role and/or disabled flag. Disabling ends its sessions at
	 * once, for good: re-enabling the account does not bring back a token issued before.
	 * The last active admin cannot be demoted or disabled, or nobody could administer.
	 */
	@Transactional
	public User update(UUID userId, Role role, Boolean disabled) {
		User user = get(userId);
		Role newRole = role != null ? role : user.role();
		boolean newDisabled = disabled != null ? disabled : user.disabled();
		boolean losesAdmin = user.isActiveAdmin() && (newRole != Role.ADMIN || newDisabled);
		if (losesAdmin && this.users.countOtherActiveAdmins(userId) == 0) {
			throw ApiException.conflict("The last active admin cannot be demoted or disabled");
		}
		this.users.updateRoleAndStatus(userId, newRole, newDisabled, this.clock.instant());
		if (newDisabled) {
			this.sessions.endAll(userId);
		}
		this.status.evict(userId);
		return get(userId);
	}

	private static UUID parseCursorId(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("cursor", "is not a valid cursor");
		}
	}

}
