package dev.fortress.catalog.internal;

import java.time.Duration;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.fortress.inventory.InventoryApi;
import dev.fortress.platform.cache.CacheSettings;
import dev.fortress.platform.cache.Caches;
import dev.fortress.platform.cache.ReadCache;
import dev.fortress.platform.persistence.WriteGeneration;

/**
 * Public product pages for at most the TTL (1 s by default), so a crowd browsing the
 * catalog before a drop costs one read per distinct page per second instead of one per
 * request. The key is the whole query (text, filters, sort, cursor, limit) plus the
 * catalog's and the stock's write generations: a catalog or stock write committed in this
 * instance makes every cached page unreachable at once (ADR 0047). A catalog write is
 * also broadcast, so with Redis other instances drop their pages at once too; stock
 * writes are not (they happen at checkout, which must not pay a network call), so other
 * instances show them within the TTL. Nothing in a page depends on who asks, so one entry
 * serves everyone; concurrent misses of one key wait for a single read
 * ({@link ReadCache}, ADR 0050).
 */
@Component
class ProductPageCache {

	private final WriteGeneration catalog = new WriteGeneration();

	private final InventoryApi inventory;

	private final ReadCache<Key, ProductListing> pages;

	ProductPageCache(InventoryApi inventory, Caches caches,
			@Value("${fortress.catalog.page-cache-ttl:1s}") Duration ttl) {
		this.inventory = inventory;
		this.pages = caches.create(CacheSettings.local("product-pages", ttl), ProductListing.class);
	}

	/** The cached page, or the one {@code search} reads now. */
	ProductListing get(ProductQuery query, Function<ProductQuery, ProductListing> search) {
		// Generations are captured before the read, so a read that overlaps a write is
		// filed under the old generations, which nobody asks for once the write commits.
		Key key = new Key(query, this.catalog.current(), this.inventory.stockGeneration());
		return this.pages.get(key, k -> search.apply(query));
	}

	/**
	 * A product or variant was written; its pages are stale once the transaction commits,
	 * here and (told through Redis) on the other instances.
	 */
	void catalogWritten() {
		this.catalog.written();
		this.pages.invalidateAll();
	}

	private record Key(ProductQuery query, long catalogGeneration, long stockGeneration) {
	}

}
