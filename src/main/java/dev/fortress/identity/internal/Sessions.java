package dev.fortress.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.platform.Ids;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * Token pairs and their lifecycle. A login starts a refresh-token family with an absolute
 * end (30 days by default); each refresh uses up the presented token and issues the next
 * one of the family. Presenting a used token again means it was copied: the whole family
 * is revoked, so both the thief and the victim must log in again.
 * <p>
 * Both tokens of a pair carry the account's session generation (see {@link User}). Ending
 * all sessions moves the account to the next one, so the access tokens already handed out
 * die with the refresh tokens, and a token issued by a login or refresh that raced the
 * ending is dead on arrival: no lock is needed to close that race.
 */
@Service
public class Sessions {

	private final RefreshTokens refreshTokens;

	private final AccessTokens accessTokens;

	private final Users users;

	private final AccountStatus status;

	private final IdentityProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Sessions(RefreshTokens refreshTokens, AccessTokens accessTokens, Users users, AccountStatus status,
			IdentityProperties properties, TransactionTemplate transactions, Clock clock) {
		this.refreshTokens = refreshTokens;
		this.accessTokens = accessTokens;
		this.users = users;
		this.status = status;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	TokenPair start(User user) {
		Instant now = this.clock.instant();
		String refresh = this.refreshTokens.issue(user.id(), user.sessionGeneration(), Ids.newId(), now,
				now.plus(this.properties.refreshTokenTtl()));
		return pair(user, refresh);
	}

	public TokenPair refresh(String presented) {
		Instant now = this.clock.instant();
		Outcome outcome = this.transactions.execute(status -> rotate(presented, now));
		if (outcome == null || outcome.pair() == null) {
			throw invalid();
		}
		return outcome.pair();
	}

	/** Runs in one transaction; never throws for a bad token, so a revocation commits. */
	private Outcome rotate(String presented, Instant now) {
		RefreshTokens.Live live = this.refreshTokens.markUsed(presented, now).orElse(null);
		if (live == null) {
			this.refreshTokens.familyOfUsedToken(presented)
				.ifPresent(family -> this.refreshTokens.revokeFamily(family, now));
			return new Outcome(null);
		}
		User user = this.users.findById(live.userId())
			.filter(candidate -> !candidate.disabled() && candidate.sessionGeneration() == live.sessionGeneration())
			.orElse(null);
		if (user == null) {
			this.refreshTokens.revokeFamily(live.familyId(), now);
			return new Outcome(null);
		}
		String next = this.refreshTokens.issue(user.id(), user.sessionGeneration(), live.familyId(), now,
				live.familyExpiresAt());
		return new Outcome(pair(user, next));
	}

	/**
	 * Ends the session the token belongs to, if it is the caller's; unknown tokens are
	 * ignored.
	 */
	public void end(UUID userId, String presented) {
		Instant now = this.clock.instant();
		this.refreshTokens.familyOf(presented, userId)
			.ifPresent(family -> this.refreshTokens.revokeFamily(family, now));
	}

	/**
	 * Ends every session of the account: its refresh tokens are revoked and its access
	 * tokens stop working. Call it in the transaction that makes the change requiring it.
	 */
	void endAll(UUID userId) {
		this.users.nextSessionGeneration(userId);
		this.refreshTokens.revokeAllOf(userId, this.clock.instant());
		this.status.evict(userId);
	}

	private TokenPair pair(User user, String refresh) {
		return new TokenPair(this.accessTokens.issue(user), refresh, "Bearer", this.accessTokens.lifetimeSeconds());
	}

	private static ApiException invalid() {
		return new ApiException(ProblemType.UNAUTHORIZED, "The refresh token is invalid, expired or revoked");
	}

	private record Outcome(TokenPair pair) {
	}

}
