package dev.fortress.catalog.graphql;

import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import graphql.schema.DataFetchingEnvironment;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import dev.fortress.catalog.Variant;
import dev.fortress.catalog.internal.CatalogService;
import dev.fortress.catalog.internal.Product;
import dev.fortress.catalog.internal.ProductQuery;
import dev.fortress.catalog.internal.ProductSort;
import dev.fortress.inventory.InventoryApi;
import dev.fortress.inventory.StockLevel;
import dev.fortress.platform.Money;
import dev.fortress.platform.graphql.Connection;
import dev.fortress.platform.graphql.Inputs;
import dev.fortress.platform.graphql.PageArguments;
import dev.fortress.platform.web.ApiException;

/**
 * Products, public as on REST. The search runs through the same cached catalog search as
 * {@code GET /api/v1/products}; a variant's stock is loaded for every variant asked for
 * at once ({@link #STOCK}).
 */
@Controller
class ProductGraphQlController {

	static final String STOCK = "variantStock";

	private final CatalogService catalog;

	ProductGraphQlController(CatalogService catalog, InventoryApi inventory, BatchLoaderRegistry loaders) {
		this.catalog = catalog;
		loaders.<String, StockLevel>forName(STOCK)
			.registerMappedBatchLoader((skus, environment) -> Mono.fromCallable(() -> inventory.levels(skus)));
	}

	@QueryMapping
	Connection<Product> products(@Argument @Nullable String q, @Argument @Nullable String brand,
			@Argument @Nullable String size, @Argument @Nullable Long minPrice, @Argument @Nullable Long maxPrice,
			@Argument @Nullable String sort, @Argument @Nullable Integer first, @Argument @Nullable String after) {
		PageArguments page = PageArguments.of(first, after);
		String text = Inputs.text("q", q, 200);
		String brandName = Inputs.text("brand", brand, 100);
		String sizeName = Inputs.text("size", size, 50);
		Long min = price("minPrice", minPrice);
		Long max = price("maxPrice", maxPrice);
		ProductSort order = ProductSort.parse(sort, text != null);
		return Connection.read(page,
				(cursor, limit) -> this.catalog
					.search(new ProductQuery(text, brandName, sizeName, min, max, order, cursor, limit))
					.products());
	}

	@QueryMapping
	Product product(@Argument String id) {
		return this.catalog.find(Inputs.requiredUuid("id", id));
	}

	@SchemaMapping(typeName = "Product", field = "fromPrice")
	Money fromPrice(Product product) {
		return new Money(product.minPrice(), product.currency());
	}

	@SchemaMapping(typeName = "Product", field = "variants")
	Connection<Variant> variants(Product product, @Argument @Nullable Integer first, @Argument @Nullable String after) {
		return Connection.ofList(PageArguments.of(first, after), product.variants());
	}

	@SchemaMapping(typeName = "Variant", field = "stock")
	CompletableFuture<@Nullable StockLevel> stock(Variant variant, DataFetchingEnvironment environment) {
		DataLoader<String, StockLevel> loader = environment.getDataLoader(STOCK);
		return loader.load(variant.sku());
	}

	@SchemaMapping(typeName = "Stock", field = "available")
	int available(StockLevel level) {
		return level.available();
	}

	private static @Nullable Long price(String field, @Nullable Long value) {
		if (value != null && value < 0) {
			throw ApiException.invalid(field, "must be greater than or equal to 0");
		}
		return value;
	}

}
