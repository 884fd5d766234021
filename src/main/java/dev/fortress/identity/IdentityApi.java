package dev.fortress.identity;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The identity module's facade for other modules. */
public interface IdentityApi {

	Optional<UserSummary> findUser(UUID id);

	/** Users by id in one query (for list endpoints); unknown ids are simply absent. */
	Map<UUID, UserSummary> findUsers(Collection<UUID> ids);

	/**
	 * Checks an access token exactly as every REST request is checked (signature and
	 * claims, expiry, the account enabled and its sessions not ended since the token was
	 * issued). Cheap to repeat: a transport that holds a connection calls it again on
	 * every frame.
	 * @return empty when the token is not (or no longer) good
	 */
	Optional<Authenticated> authenticate(String accessToken);

}
