package dev.fortress.catalog.internal;

import java.util.Map;

import dev.fortress.catalog.Variant;
import dev.fortress.inventory.StockLevel;
import dev.fortress.platform.web.CursorPage;

/**
 * A page of products with their variants and the stock of those variants.
 *
 * @param products the page, each product with its variants in their declared order
 * @param stock stock by SKU; a variant without a stock row is absent
 */
public record ProductListing(CursorPage<Product> products, Map<String, StockLevel> stock) {

	/**
	 * Immutable, because one listing is shared by every request the cache serves it to.
	 */
	public ProductListing {
		stock = Map.copyOf(stock);
	}

	/**
	 * A text that changes whenever what the page shows changes (products, their versions,
	 * variants and prices, units available, the next cursor), for its {@code ETag}; the
	 * same on every instance.
	 */
	public String fingerprint() {
		StringBuilder text = new StringBuilder(64 * (1 + this.products.items().size()));
		for (Product product : this.products.items()) {
			text.append(product.id()).append(':').append(product.version());
			for (Variant variant : product.variants()) {
				text.append(';')
					.append(variant.sku())
					.append('=')
					.append(variant.price().amount())
					.append(variant.price().currency())
					.append('/')
					.append(available(variant));
			}
			text.append('\n');
		}
		return text.append(this.products.nextCursor()).toString();
	}

	/** Units of the variant that can still be bought, 0 when it has no stock row. */
	public int available(Variant variant) {
		StockLevel level = this.stock.get(variant.sku());
		return (level != null) ? level.available() : 0;
	}

}
