package dev.fortress.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Lookups of sellable variants. */
public interface CatalogApi {

	/** The variants with the given SKUs; unknown SKUs are absent from the map. */
	Map<String, Variant> findVariants(Collection<String> skus);

	/** A product's public text as stored now, empty for an unknown product. */
	Optional<ProductText> productText(UUID productId);

	/**
	 * What a product says about itself, for indexing; anyone may read it.
	 *
	 * @param description {@code null} when it has none
	 */
	record ProductText(UUID id, String name, String brand, @Nullable String description, long version) {
	}

}
