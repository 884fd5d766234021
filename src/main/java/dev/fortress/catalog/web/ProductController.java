package dev.fortress.catalog.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.catalog.internal.CatalogService;
import dev.fortress.catalog.internal.NewVariant;
import dev.fortress.catalog.internal.Product;
import dev.fortress.catalog.internal.ProductListing;
import dev.fortress.catalog.internal.ProductQuery;
import dev.fortress.catalog.internal.ProductSort;
import dev.fortress.inventory.StockLevel;
import dev.fortress.platform.Money;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.HttpCaching;
import dev.fortress.platform.web.IfMatch;
import dev.fortress.platform.web.Pages;

@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Catalog", description = "Products, variants and search")
class ProductController {

	private final CatalogService catalog;

	ProductController(CatalogService catalog) {
		this.catalog = catalog;
	}

	@PostMapping
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Create a product with its variants and their stock (ADMIN)",
			description = "409 when a SKU exists already.")
	ResponseEntity<ProductView> create(@Valid @RequestBody CreateProductRequest request) {
		List<NewVariant> variants = request.variants()
			.stream()
			.map(v -> new NewVariant(v.sku(), v.size().strip(), money(v.price()), v.stock()))
			.toList();
		Product product = this.catalog.create(request.name(), request.brand(),
				request.description() == null ? "" : request.description(), variants);
		return ResponseEntity.created(URI.create("/api/v1/products/" + product.id()))
			.eTag(String.valueOf(product.version()))
			.body(view(product));
	}

	@GetMapping
	@Operation(summary = "Browse and search the catalog (public)",
			description = "q: ranked full-text search plus prefix matching on words; filters brand, size, "
					+ "minPrice/maxPrice (minor units, any variant); sort: relevance (default with q), newest "
					+ "(default), price_asc, price_desc, name; keyset paging. Weak ETag: If-None-Match answers 304.")
	ResponseEntity<CursorPage<ProductView>> search(@RequestParam(required = false) @Size(max = 200) String q,
			@RequestParam(required = false) @Size(max = 100) String brand,
			@RequestParam(required = false) @Size(max = 50) String size,
			@RequestParam(required = false) @Min(0) Long minPrice,
			@RequestParam(required = false) @Min(0) Long maxPrice, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = Pages.DEFAULT_LIMIT) @Min(1) @Max(Pages.MAX_LIMIT) int limit) {
		String text = blankToNull(q);
		ProductQuery query = new ProductQuery(text, blankToNull(brand), blankToNull(size), minPrice, maxPrice,
				ProductSort.parse(sort, text != null), cursor, limit);
		ProductListing listing = this.catalog.search(query);
		return HttpCaching.revalidated(
				Pages.ok(listing.products().map(product -> ProductView.of(product, listing::available))),
				HttpCaching.weakTag(listing.fingerprint()));
	}

	@GetMapping("/{id}")
	@Operation(summary = "A product with its variants and what is available (public)")
	ResponseEntity<ProductView> get(@PathVariable UUID id) {
		Product product = this.catalog.find(id);
		return ResponseEntity.ok().eTag(String.valueOf(product.version())).body(view(product));
	}

	@PatchMapping("/{id}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Edit name, brand or description (ADMIN)", description = "Honours If-Match (412 if stale).")
	ResponseEntity<ProductView> update(@PathVariable UUID id, @Valid @RequestBody UpdateProductRequest request,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
		Product current = this.catalog.get(id);
		IfMatch.parse(ifMatch).check(current.version());
		Product product = this.catalog.update(id, current.version(),
				request.name() == null ? current.name() : request.name(),
				request.brand() == null ? current.brand() : request.brand(),
				request.description() == null ? current.description() : request.description());
		return ResponseEntity.ok().eTag(String.valueOf(product.version())).body(view(product));
	}

	private ProductView view(Product product) {
		Map<String, StockLevel> stock = this.catalog.stockOf(List.of(product));
		return ProductView.of(product, v -> stock.containsKey(v.sku()) ? stock.get(v.sku()).available() : 0);
	}

	private static Money money(MoneyRequest price) {
		try {
			return new Money(price.amount(), price.currency());
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("price.currency", "must be an ISO 4217 currency code");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	record CreateProductRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 100) String brand,
			@Size(max = 5000) String description,
			@NotEmpty @Size(max = 50) List<@Valid @NotNull VariantRequest> variants) {
	}

	record VariantRequest(
			@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
					message = "letters, digits, '.', '_' or '-', at most 64") String sku,
			@NotBlank @Size(max = 50) String size, @NotNull @Valid MoneyRequest price,
			@NotNull @Min(0) @Max(1_000_000_000) Integer stock) {
	}

	record MoneyRequest(@NotNull @Min(0) @Max(1_000_000_000_00L) Long amount,
			@NotBlank @Size(min = 3, max = 3) String currency) {
	}

	record UpdateProductRequest(@Size(min = 1, max = 200) String name, @Size(min = 1, max = 100) String brand,
			@Size(max = 5000) String description) {
	}

}
