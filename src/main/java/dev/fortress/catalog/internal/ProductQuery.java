package dev.fortress.catalog.internal;

import org.jspecify.annotations.Nullable;

/**
 * A catalog search: optional text, filters, a sort order and a keyset position.
 *
 * @param q words to search for (ranked full-text, plus prefix matching)
 * @param minPrice lowest variant price in minor units
 * @param maxPrice highest variant price in minor units
 */
public record ProductQuery(@Nullable String q, @Nullable String brand, @Nullable String size, @Nullable Long minPrice,
		@Nullable Long maxPrice, ProductSort sort, @Nullable String cursor, int limit) {
}
