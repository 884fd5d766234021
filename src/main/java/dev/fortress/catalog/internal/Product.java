package dev.fortress.catalog.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.fortress.catalog.Variant;

/** A product with its variants, as stored. */
public record Product(UUID id, String name, String brand, String description, String currency, long minPrice,
		long version, Instant createdAt, Instant updatedAt, List<Variant> variants) {

	Product withVariants(List<Variant> variants) {
		return new Product(this.id, this.name, this.brand, this.description, this.currency, this.minPrice, this.version,
				this.createdAt, this.updatedAt, variants);
	}

}
