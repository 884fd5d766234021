package dev.fortress.identity.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import dev.fortress.identity.IdentityApi;
import dev.fortress.identity.UserSummary;

@Service
class IdentityService implements IdentityApi {

	private final Users users;

	IdentityService(Users users) {
		this.users = users;
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

}
