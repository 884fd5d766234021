package dev.fortress.realtime.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Who is present, from the live connections of every instance. Each instance marks the
 * users it holds sessions for, again every sweep; a mark lasts the grace period, so a
 * user whose last connection closed stays present that long (a page reload does not
 * flicker) and a crashed instance's users fade out on their own.
 */
interface PresenceBoard {

	/**
	 * Marks the user present for {@code grace} from now: {@code online} if
	 * {@code active}, else at least {@code away}.
	 */
	void mark(UUID userId, boolean active, Duration grace);

	/** The present users among these, with their status; absent users are offline. */
	Map<UUID, PresenceStatus> present(Collection<UUID> userIds);

}
