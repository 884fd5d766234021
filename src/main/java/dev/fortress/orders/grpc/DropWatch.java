package dev.fortress.orders.grpc;

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

import fortress.drop.v1.DropAvailability;
import fortress.drop.v1.DropStatus;
import io.grpc.stub.ServerCallStreamObserver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.InventoryApi;
import dev.fortress.platform.grpc.GrpcCalls;
import dev.fortress.platform.grpc.GrpcProblems;
import dev.fortress.platform.web.ApiException;

/**
 * The watchers of {@code WatchDrop}: one thread looks at every watched drop once per
 * {@code fortress.grpc.watch-interval} (100 ms by default) and sends each watcher
 * {@code {available, status}} when it differs from what that watcher was last sent.
 * However many clients watch one hot drop, it is read once per interval, from the drop
 * cache that a sale in this instance invalidates at once (other instances see it within
 * the cache's second). A watcher whose client is not ready for more is skipped and sent
 * the latest state when it is, so a slow client never piles up messages. A watch ends
 * when the drop has ended, or when the call is cancelled or its deadline passes; then it
 * is forgotten and costs nothing more.
 */
@Component
class DropWatch implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DropWatch.class);

	private final InventoryApi inventory;

	private final Clock clock;

	private final Map<UUID, Set<Watcher>> watchers = new ConcurrentHashMap<>();

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "drop-watch");
		thread.setDaemon(true);
		return thread;
	});

	DropWatch(InventoryApi inventory, Clock clock, @Value("${fortress.grpc.watch-interval:100ms}") Duration interval) {
		this.inventory = inventory;
		this.clock = clock;
		this.ticker.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Sends the drop's state now and then every change. Throws {@code not-found} for an
	 * unknown drop before anything is sent.
	 */
	void watch(UUID dropId, ServerCallStreamObserver<DropAvailability> observer) {
		DropState drop = this.inventory.publicDrop(dropId);
		Watcher watcher = new Watcher(dropId, observer, GrpcCalls.requestId());
		observer.setOnCancelHandler(() -> forget(watcher));
		if (watcher.offer(DropMessages.availability(drop, this.clock.instant()))) {
			return;
		}
		this.watchers.computeIfAbsent(dropId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
	}

	/** Watches of the drop still open: what a test checks a cancelled call let go of. */
	int watching(UUID dropId) {
		Set<Watcher> set = this.watchers.get(dropId);
		return set == null ? 0 : set.size();
	}

	private void tick() {
		Instant now = this.clock.instant();
		for (Map.Entry<UUID, Set<Watcher>> entry : this.watchers.entrySet()) {
			try {
				DropAvailability state = DropMessages.availability(this.inventory.publicDrop(entry.getKey()), now);
				for (Watcher watcher : entry.getValue()) {
					if (watcher.offer(state)) {
						forget(watcher);
					}
				}
			}
			catch (ApiException ex) {
				// the drop is gone: the watchers are told as GetDrop would tell them
				for (Watcher watcher : entry.getValue()) {
					watcher.fail(ex);
					forget(watcher);
				}
			}
			catch (RuntimeException ex) {
				// the database is away for a moment: keep watching, try again next tick
				log.debug("Watching drop {} failed this time: {}", entry.getKey(), ex.toString());
			}
		}
	}

	private void forget(Watcher watcher) {
		this.watchers.computeIfPresent(watcher.dropId(), (id, set) -> {
			set.remove(watcher);
			return set.isEmpty() ? null : set;
		});
	}

	@Override
	public void destroy() {
		this.ticker.shutdownNow();
	}

	private static final class Watcher {

		private final UUID dropId;

		private final ServerCallStreamObserver<DropAvailability> observer;

		private final String requestId;

		private @Nullable DropAvailability last;

		Watcher(UUID dropId, ServerCallStreamObserver<DropAvailability> observer, String requestId) {
			this.dropId = dropId;
			this.observer = observer;
			this.requestId = requestId;
		}

		UUID dropId() {
			return this.dropId;
		}

		/**
		 * Sends the state if it is news and the client can take it; {@code true} when the
		 * watch is over (the drop ended, the call was cancelled).
		 */
		synchronized boolean offer(DropAvailability state) {
			if (this.observer.isCancelled()) {
				return true;
			}
			if (state.equals(this.last) || (this.last != null && !this.observer.isReady())) {
				return false;
			}
			this.observer.onNext(state);
			this.last = state;
			if (state.getStatus() == DropStatus.DROP_STATUS_ENDED) {
				this.observer.onCompleted();
				return true;
			}
			return false;
		}

		synchronized void fail(ApiException problem) {
			if (!this.observer.isCancelled()) {
				this.observer.onError(GrpcProblems.toStatus(problem, this.requestId));
			}
		}

	}

}
