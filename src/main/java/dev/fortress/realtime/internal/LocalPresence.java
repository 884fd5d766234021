package dev.fortress.realtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Presence in this instance's memory: the whole truth for a single instance, and this
 * instance's own users when the shared board in Redis cannot be reached.
 */
final class LocalPresence implements PresenceBoard {

	private final Map<UUID, Marks> marks = new ConcurrentHashMap<>();

	private final Clock clock;

	LocalPresence(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void mark(UUID userId, boolean active, Duration grace) {
		Instant until = this.clock.instant().plus(grace);
		this.marks.compute(userId, (id, old) -> {
			Instant activeUntil = active ? until : (old == null ? null : old.activeUntil());
			return new Marks(until, activeUntil);
		});
	}

	@Override
	public Map<UUID, PresenceStatus> present(Collection<UUID> userIds) {
		Instant now = this.clock.instant();
		Map<UUID, PresenceStatus> present = new HashMap<>();
		for (UUID userId : userIds) {
			Marks marks = this.marks.get(userId);
			if (marks == null || !marks.seenUntil().isAfter(now)) {
				continue;
			}
			boolean active = marks.activeUntil() != null && marks.activeUntil().isAfter(now);
			present.put(userId, active ? PresenceStatus.ONLINE : PresenceStatus.AWAY);
		}
		// forget the long gone now and then, so memory follows the connected users
		if (this.marks.size() > 10_000) {
			this.marks.values().removeIf(marks -> !marks.seenUntil().isAfter(now));
		}
		return present;
	}

	private record Marks(Instant seenUntil, @Nullable Instant activeUntil) {
	}

}
