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

}
