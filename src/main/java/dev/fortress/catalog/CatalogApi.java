package dev.fortress.catalog;

import java.util.Collection;
import java.util.Map;

/** Lookups of sellable variants. */
public interface CatalogApi {

	/** The variants with the given SKUs; unknown SKUs are absent from the map. */
	Map<String, Variant> findVariants(Collection<String> skus);

}
