package dev.fortress.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Lookups of sellable variants. */
public interface CatalogApi {

	/** The variants with the given SKUs; unknown SKUs are absent from the map. */
	Map<String, Variant> findVariants(Collection<String> skus);

	/** A product's public text as stored now, empty for an unknown product. */
	Optional<ProductText> productText(UUID productId);

	/** What a product says about itself, for indexing; anyone may read it. */
	record ProductText(UUID id, String name, String brand, String description, long version) {
	}

}
