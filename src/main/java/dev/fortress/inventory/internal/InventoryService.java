package dev.fortress.inventory.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.DropStatus;
import dev.fortress.inventory.InventoryApi;
import dev.fortress.inventory.StockLevel;
import dev.fortress.inventory.StockReplenished;
import dev.fortress.platform.Ids;
import dev.fortress.platform.cache.CacheSettings;
import dev.fortress.platform.cache.Caches;
import dev.fortress.platform.cache.ReadCache;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.platform.web.ProblemType;
import dev.fortress.platform.events.EventMetadata;

/** Stock reads, restocks and drop creation. */
@Service
public class InventoryService implements InventoryApi {

	private static final Instant EARLIEST = Instant.EPOCH;

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private final Stocks stocks;

	private final Drops drops;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ReadCache<DropKey, DropState> publicDrops;

	InventoryService(Stocks stocks, Drops drops, ApplicationEventPublisher events, Clock clock, Caches caches,
			@Value("${fortress.inventory.drop-cache-ttl:1s}") Duration dropTtl) {
		this.stocks = stocks;
		this.drops = drops;
		this.events = events;
		this.clock = clock;
		this.publicDrops = caches.create(CacheSettings.local("drops", dropTtl), DropState.class);
	}

	@Override
	@Transactional
	public void createStock(String sku, int onHand) {
		if (!this.stocks.insert(sku, onHand, this.clock.instant())) {
			throw ApiException.conflict("SKU " + sku + " already has stock");
		}
	}

	@Override
	public Map<String, StockLevel> levels(Collection<String> skus) {
		return this.stocks.findAll(skus).stream().collect(Collectors.toMap(StockLevel::sku, Function.identity()));
	}

	@Override
	public long stockGeneration() {
		return this.stocks.generation().current();
	}

	@Override
	public Optional<DropState> findDrop(UUID dropId) {
		return this.drops.find(dropId);
	}

	public StockLevel level(String sku) {
		return this.stocks.find(sku).orElseThrow(() -> ApiException.notFound("SKU"));
	}

	/**
	 * Sets the units on hand. Lowering it below what is reserved for unpaid orders is a
	 * {@code 409}: those units are promised. With an If-Match precondition, a row changed
	 * since is a {@code 412}; without one the restock is unconditional. The row is locked
	 * first: during a drop checkouts change it many times a second, and an unlocked
	 * read-then-compare-and-set would answer 412 to a restock that never asked for a
	 * precondition.
	 */
	@Transactional
	public StockLevel setOnHand(String sku, int onHand, IfMatch ifMatch) {
		StockLevel before = this.stocks.lock(sku).orElseThrow(() -> ApiException.notFound("SKU"));
		ifMatch.check(before.version());
		if (onHand < before.reserved()) {
			throw ApiException.conflict("onHand cannot go below the " + before.reserved() + " reserved units");
		}
		if (!this.stocks.setOnHand(sku, onHand, before.version(), this.clock.instant())) {
			throw new ApiException(ProblemType.PRECONDITION_FAILED, "The stock changed while you wrote it; retry");
		}
		StockLevel after = level(sku);
		if (after.available() > 0) {
			this.events.publishEvent(
					new StockReplenished(sku, after.onHand(), after.available(), EventMetadata.now(this.clock)));
		}
		return after;
	}

	/**
	 * Schedules a drop and sets its units aside from the SKU's stock in the same
	 * transaction: from now on only the drop sells them. {@code 409} when the SKU has
	 * fewer units available. A drop that is over already sets nothing aside.
	 */
	@Transactional
	public DropState createDrop(String sku, int quantity, Instant startsAt, @Nullable Instant endsAt,
			int perCustomerLimit) {
		StockLevel stock = level(sku);
		requireStorable("startsAt", startsAt);
		if (endsAt != null) {
			requireStorable("endsAt", endsAt);
		}
		if (endsAt != null && !endsAt.isAfter(startsAt)) {
			throw ApiException.invalid("endsAt", "must be after startsAt");
		}
		if (perCustomerLimit > quantity) {
			throw ApiException.invalid("perCustomerLimit", "must not exceed quantity");
		}
		Instant now = this.clock.instant();
		DropState drop = new DropState(Ids.newId(), sku, quantity, quantity, startsAt, endsAt, perCustomerLimit);
		boolean over = drop.statusAt(now) == DropStatus.ENDED;
		if (!over && !this.stocks.tryReserve(sku, quantity)) {
			throw ApiException.conflict(
					"Only " + stock.available() + " units of " + sku + " are available to set aside for the drop");
		}
		this.drops.insert(drop, over, now);
		return drop;
	}

	/**
	 * Closes the drops that have ended: their unsold units go back on the shelf, and
	 * {@link StockReplenished} tells whoever remembers those SKUs as sold out.
	 */
	@Transactional
	public void closeEndedDrops() {
		this.drops.closeEnded(this.clock.instant()).forEach((sku, unsold) -> {
			this.stocks.addOnHandAndReserved(sku, 0, -unsold);
			StockLevel after = level(sku);
			this.events.publishEvent(
					new StockReplenished(sku, after.onHand(), after.available(), EventMetadata.now(this.clock)));
		});
	}

	/**
	 * JSON accepts instants far beyond what a PostgreSQL timestamp holds (year 294276); a
	 * drop outside 1970–9999 is a typo, not a plan.
	 */
	private static void requireStorable(String field, Instant instant) {
		if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
			throw ApiException.invalid(field, "must be between 1970 and 9999");
		}
	}

	public DropState drop(UUID id) {
		return this.drops.find(id).orElseThrow(() -> ApiException.notFound("Drop"));
	}

	/**
	 * The drop for a public read, from the {@code drops} cache (1 s by default; an
	 * unknown id for a tenth of it). The key holds the drops' write generation, captured
	 * before the read: a sale, a give-back or a new drop committed in this instance makes
	 * every entry unreachable at once, and other instances show it within the TTL.
	 * Checkout never reads this cache, and its writes only move a number in memory.
	 */
	@Override
	public DropState publicDrop(UUID id) {
		DropKey key = new DropKey(id, this.drops.generation().current());
		return this.publicDrops.find(key, k -> this.drops.find(id)).orElseThrow(() -> ApiException.notFound("Drop"));
	}

	public Instant now() {
		return this.clock.instant();
	}

	private record DropKey(UUID id, long generation) {
	}

}
