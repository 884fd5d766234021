package dev.fortress.identity.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;

import dev.fortress.identity.Authenticated;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;

@Service
class IdentityService implements IdentityApi {

	private final Users users;

	private final VerifiedTokens tokens;

	private final AccountStatus accounts;

	IdentityService(Users users, VerifiedTokens tokens, AccountStatus accounts) {
		this.users = users;
		this.tokens = tokens;
		this.accounts = accounts;
	}

	@Override
	public Optional<UserSummary> findUser(UUID id) {
		return this.users.findById(id).map(User::summary);
	}

	@Override
	public Map<UUID, UserSummary> findUsers(Collection<UUID> ids) {
		return this.users.findAll(ids)
			.stream()
			.map(User::summary)
			.collect(Collectors.toMap(UserSummary::id, Function.identity()));
	}

	@Override
	public Optional<Authenticated> authenticate(String accessToken) {
		Jwt jwt;
		UUID userId;
		try {
			jwt = this.tokens.decode(accessToken);
			userId = UUID.fromString(String.valueOf(jwt.getSubject()));
		}
		catch (JwtException | IllegalArgumentException ex) {
			return Optional.empty();
		}
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return Optional.empty();
		}
		return this.accounts.active(userId, AccessTokens.sessionGeneration(jwt))
			.map(account -> new Authenticated(new CurrentUser(userId, account.role()), expiresAt));
	}

}
