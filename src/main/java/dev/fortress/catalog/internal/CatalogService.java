package dev.fortress.catalog.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.catalog.CatalogApi;
import dev.fortress.catalog.ProductChanged;
import dev.fortress.catalog.Variant;
import dev.fortress.inventory.InventoryApi;
import dev.fortress.inventory.StockLevel;
import dev.fortress.platform.Ids;
import dev.fortress.platform.cache.CacheSettings;
import dev.fortress.platform.cache.Caches;
import dev.fortress.platform.cache.ReadCache;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.ProblemType;

/** Creates, edits and finds products. */
@Service
public class CatalogService implements CatalogApi {

	private final Products products;

	private final ProductSearch search;

	private final InventoryApi inventory;

	private final ProductPageCache pages;

	private final ReadCache<String, Product> byId;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	CatalogService(Products products, ProductSearch search, InventoryApi inventory, ProductPageCache pages,
			Caches caches, @Value("${fortress.catalog.product-cache-ttl:60s}") Duration productTtl, Clock clock,
			ApplicationEventPublisher events) {
		this.products = products;
		this.search = search;
		this.inventory = inventory;
		this.pages = pages;
		this.byId = caches.create(CacheSettings.local("products", productTtl)
			.withNegativeTtl(productTtl.compareTo(Duration.ofSeconds(1)) < 0 ? productTtl : Duration.ofSeconds(1))
			.sharedThroughRedis(), Product.class);
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Creates the product, its variants and their stock in one transaction. A SKU that
	 * exists anywhere already is a {@code 409}.
	 */
	@Transactional
	public Product create(String name, String brand, String description, List<NewVariant> variants) {
		Set<String> currencies = variants.stream().map(v -> v.price().currency()).collect(Collectors.toSet());
		if (currencies.size() != 1) {
			throw ApiException.invalid("variants", "all variants must have the same currency");
		}
		Set<String> skus = new HashSet<>();
		for (NewVariant variant : variants) {
			if (!skus.add(variant.sku())) {
				throw ApiException.invalid("variants", "SKU " + variant.sku() + " appears twice");
			}
		}
		Instant now = this.clock.instant();
		long minPrice = variants.stream().mapToLong(v -> v.price().amount()).min().orElseThrow();
		Product product = new Product(Ids.newId(), name.strip(), brand.strip(), description,
				currencies.iterator().next(), minPrice, 0, now, now, List.of());
		this.pages.catalogWritten();
		this.byId.invalidate(product.id().toString());
		this.products.insert(product);
		for (int i = 0; i < variants.size(); i++) {
			NewVariant variant = variants.get(i);
			if (!this.products.insertVariant(product.id(), variant, i)) {
				throw new ApiException(ProblemType.CONFLICT, "SKU " + variant.sku() + " already exists");
			}
			this.inventory.createStock(variant.sku(), variant.stock());
		}
		this.events.publishEvent(new ProductChanged(product.id(), EventMetadata.now(this.clock)));
		return get(product.id());
	}

	/**
	 * Changes name, brand and description if the version still matches ({@code 412} if
	 * not).
	 */
	@Transactional
	public Product update(UUID id, long expectedVersion, String name, String brand, String description) {
		get(id);
		this.pages.catalogWritten();
		this.byId.invalidate(id.toString());
		if (!this.products.update(id, expectedVersion, name.strip(), brand.strip(), description,
				this.clock.instant())) {
			throw new ApiException(ProblemType.PRECONDITION_FAILED, "The product was changed since you read it");
		}
		this.events.publishEvent(new ProductChanged(id, EventMetadata.now(this.clock)));
		return get(id);
	}

	@Override
	public Optional<ProductText> productText(UUID productId) {
		return this.products.find(productId)
			.map(p -> new ProductText(p.id(), p.name(), p.brand(), p.description(), p.version()));
	}

	/** The product as stored now: what a write checks its precondition against. */
	public Product get(UUID id) {
		return this.products.find(id).orElseThrow(() -> ApiException.notFound("Product"));
	}

	/**
	 * The product for a public read, from the cache when it is there ({@code products}:
	 * in memory, and in Redis when configured, for the product TTL; an unknown id for 1
	 * s). A create or an edit invalidates it after the commit, on every instance with
	 * Redis.
	 */
	public Product find(UUID id) {
		return this.byId.find(id.toString(), key -> this.products.find(id))
			.orElseThrow(() -> ApiException.notFound("Product"));
	}

	/**
	 * A page of the public catalog with what is available of each variant: two statements
	 * (the products with their variants, then their stock from inventory), or none when
	 * the same page was read within the last second and nothing in the catalog or stock
	 * has been written here since ({@link ProductPageCache}).
	 */
	public ProductListing search(ProductQuery query) {
		return this.pages.get(query, q -> {
			CursorPage<Product> page = this.search.search(q);
			return new ProductListing(page, stockOf(page.items()));
		});
	}

	/** Stock of the variants shown, so a product page can say what is left. */
	public Map<String, StockLevel> stockOf(Collection<Product> shown) {
		return this.inventory.levels(shown.stream().flatMap(p -> p.variants().stream()).map(Variant::sku).toList());
	}

	@Override
	public Map<String, Variant> findVariants(Collection<String> skus) {
		return this.products.variants(skus).stream().collect(Collectors.toMap(Variant::sku, Function.identity()));
	}

}
