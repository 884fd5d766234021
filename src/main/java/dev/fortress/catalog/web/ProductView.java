package dev.fortress.catalog.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.ToIntFunction;

import dev.fortress.catalog.Variant;
import dev.fortress.catalog.internal.Product;
import dev.fortress.platform.Money;

record ProductView(UUID id, String name, String brand, String description, Money fromPrice, List<VariantView> variants,
		Instant createdAt, Instant updatedAt) {

	static ProductView of(Product product, ToIntFunction<Variant> available) {
		return new ProductView(product.id(), product.name(), product.brand(), product.description(),
				new Money(product.minPrice(), product.currency()),
				product.variants()
					.stream()
					.map(v -> new VariantView(v.sku(), v.size(), v.price(), available.applyAsInt(v)))
					.toList(),
				product.createdAt(), product.updatedAt());
	}

	record VariantView(String sku, String size, Money price, int available) {
	}

}
