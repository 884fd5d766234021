package dev.fortress.catalog.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.fortress.catalog.internal.Product;
import dev.fortress.inventory.StockLevel;
import dev.fortress.platform.Money;

record ProductView(UUID id, String name, String brand, String description, Money fromPrice, List<VariantView> variants,
		Instant createdAt, Instant updatedAt) {

	static ProductView of(Product product, Map<String, StockLevel> stock) {
		return new ProductView(product.id(), product.name(), product.brand(), product.description(),
				new Money(product.minPrice(), product.currency()),
				product.variants()
					.stream()
					.map(v -> new VariantView(v.sku(), v.size(), v.price(),
							stock.containsKey(v.sku()) ? stock.get(v.sku()).available() : 0))
					.toList(),
				product.createdAt(), product.updatedAt());
	}

	record VariantView(String sku, String size, Money price, int available) {
	}

}
