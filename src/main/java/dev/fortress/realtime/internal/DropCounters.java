package dev.fortress.realtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.DropStatus;
import dev.fortress.inventory.InventoryApi;

/**
 * The live drop counters, coalesced: a committed change only marks its drop dirty, and a
 * tick (every {@code fortress.realtime.drop-tick}, 500 ms by default) reads each dirty
 * drop once, committed, through {@link InventoryApi}, and publishes
 * {@link DropAvailability} on {@code /topic/drops/{id}} when it differs from what was
 * published last. A flash sale of a thousand orders a second therefore costs one read and
 * at most two updates a second per drop, whatever the number of watchers; an idle drop
 * costs nothing.
 * <p>
 * A drop is unmarked before it is read, so a change that commits during the read marks it
 * again and the next tick reads it again: the last update is always the final state.
 * Changes that no event announces, the clock opening or ending a drop, are found by
 * remembering when each tracked drop's status will next change on its own. The tick has a
 * thread of its own, so no other scheduled job can hold the counters back.
 */
@Component
public class DropCounters implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DropCounters.class);

	private final InventoryApi inventory;

	private final LiveFeed feed;

	private final Clock clock;

	private final Set<UUID> dirty = ConcurrentHashMap.newKeySet();

	private final Map<UUID, DropAvailability> published = new ConcurrentHashMap<>();

	private final Map<UUID, Instant> clockChanges = new ConcurrentHashMap<>();

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "drop-counters");
		thread.setDaemon(true);
		return thread;
	});

	DropCounters(InventoryApi inventory, LiveFeed feed, Clock clock,
			@Value("${fortress.realtime.drop-tick:500ms}") Duration tick) {
		this.inventory = inventory;
		this.feed = feed;
		this.clock = clock;
		this.ticker.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The drop changed and the change committed. */
	void changed(UUID dropId) {
		this.dirty.add(dropId);
	}

	/**
	 * Someone watches the drop: publish its status when the clock changes it (it opens,
	 * it ends), even if nothing is sold.
	 */
	public void track(DropState drop) {
		Instant next = nextClockChange(drop, this.clock.instant());
		if (next != null) {
			this.clockChanges.putIfAbsent(drop.id(), next);
		}
	}

	private void tick() {
		Instant now = this.clock.instant();
		this.clockChanges.forEach((dropId, at) -> {
			if (!now.isBefore(at) && this.clockChanges.remove(dropId, at)) {
				this.dirty.add(dropId);
			}
		});
		for (UUID dropId : this.dirty) {
			this.dirty.remove(dropId);
			try {
				this.inventory.findDrop(dropId).ifPresent(drop -> publishIfChanged(drop, now));
			}
			catch (RuntimeException ex) {
				// the database is away (or a sink failed) for a moment: read it again
				// next tick
				this.dirty.add(dropId);
				log.debug("Reading drop {} failed this time: {}", dropId, ex.toString());
			}
		}
	}

	private void publishIfChanged(DropState drop, Instant now) {
		DropAvailability availability = DropAvailability.of(drop, now);
		Instant next = nextClockChange(drop, now);
		if (next != null) {
			this.clockChanges.put(drop.id(), next);
		}
		if (availability.equals(this.published.get(drop.id()))) {
			return;
		}
		this.feed.publish(DropAvailability.destination(drop.id()), availability);
		if (availability.status() == DropStatus.ENDED) {
			this.published.remove(drop.id());
		}
		else {
			this.published.put(drop.id(), availability);
		}
	}

	private static @Nullable Instant nextClockChange(DropState drop, Instant now) {
		if (now.isBefore(drop.startsAt())) {
			return drop.startsAt();
		}
		if (drop.endsAt() != null && now.isBefore(drop.endsAt())) {
			return drop.endsAt();
		}
		return null;
	}

	@Override
	public void destroy() {
		this.ticker.shutdownNow();
	}

}
