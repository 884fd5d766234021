package dev.fortress.catalog.internal;

import java.time.Duration;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.fortress.inventory.InventoryApi;
import dev.fortress.platform.persistence.WriteGeneration;

/**
 * Public product pages for at most {@link #ttl} (1 s by default), so a crowd browsing the
 * catalog before a drop costs one statement per distinct page per second instead of one
 * per request. The key is the whole query (text, filters, sort, cursor, limit) plus the
 * catalog's and the stock's write generations: a catalog or stock write committed in this
 * instance makes every cached page unreachable at once, and a write made by another
 * instance shows here within the TTL (ADR 0047). Nothing in a page depends on who asks,
 * so one entry serves everyone; concurrent misses of one key wait for a single read.
 */
@Component
class ProductPageCache {

	private final WriteGeneration catalog = new WriteGeneration();

	private final InventoryApi inventory;

	private final Cache<Key, ProductListing> pages;

	ProductPageCache(InventoryApi inventory, @Value("${fortress.catalog.page-cache-ttl:1s}") Duration ttl) {
		this.inventory = inventory;
		this.pages = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
	}

	/** The cached page, or the one {@code search} reads now. */
	ProductListing get(ProductQuery query, Function<ProductQuery, ProductListing> search) {
		// Generations are captured before the read, so a read that overlaps a write is
		// filed under the old generations, which nobody asks for once the write commits.
		Key key = new Key(query, this.catalog.current(), this.inventory.stockGeneration());
		return this.pages.get(key, k -> search.apply(query));
	}

	/**
	 * A product or variant was written; its pages are stale once the transaction commits.
	 */
	void catalogWritten() {
		this.catalog.written();
	}

	private record Key(ProductQuery query, long catalogGeneration, long stockGeneration) {
	}

}
