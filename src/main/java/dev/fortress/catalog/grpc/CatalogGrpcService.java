package dev.fortress.catalog.grpc;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import fortress.catalog.v1.CatalogProto;
import fortress.catalog.v1.GetProductRequest;
import fortress.catalog.v1.Product;
import fortress.catalog.v1.SearchProductsRequest;
import fortress.catalog.v1.SearchProductsResponse;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.fortress.catalog.internal.CatalogService;
import dev.fortress.catalog.internal.ProductListing;
import dev.fortress.catalog.internal.ProductQuery;
import dev.fortress.catalog.internal.ProductSort;
import dev.fortress.inventory.StockLevel;
import dev.fortress.platform.grpc.GrpcCalls;
import dev.fortress.platform.grpc.ProtoFields;
import dev.fortress.platform.grpc.ProtoService;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.Pages;

/**
 * {@code fortress.catalog.v1.CatalogService}: the public catalog reads of
 * {@code GET /api/v1/products} and {@code GET /api/v1/products/{id}} over gRPC, through
 * the same {@link CatalogService} (its caches included) and with the same limits on the
 * request.
 */
@Component
class CatalogGrpcService implements BindableService {

	static final ProtoService SERVICE = ProtoService.of(CatalogProto.getDescriptor(), "CatalogService");

	private static final int DEFAULT_LIMIT = Integer.parseInt(Pages.DEFAULT_LIMIT);

	private final CatalogService catalog;

	CatalogGrpcService(CatalogService catalog) {
		this.catalog = catalog;
	}

	@Override
	public ServerServiceDefinition bindService() {
		return SERVICE.bind()
			.<GetProductRequest, Product>unary("GetProduct", this::getProduct)
			.<SearchProductsRequest, SearchProductsResponse>unary("SearchProducts", this::searchProducts)
			.build();
	}

	void getProduct(GetProductRequest request, StreamObserver<Product> response) {
		UUID id = ProtoFields.uuid("id", request.getId());
		GrpcCalls.requireLive();
		dev.fortress.catalog.internal.Product product = this.catalog.find(id);
		Map<String, StockLevel> stock = this.catalog.stockOf(List.of(product));
		response.onNext(CatalogMessages.product(product,
				variant -> stock.containsKey(variant.sku()) ? stock.get(variant.sku()).available() : 0));
		response.onCompleted();
	}

	void searchProducts(SearchProductsRequest request, StreamObserver<SearchProductsResponse> response) {
		String text = CatalogMessages.text("q", request.getQ(), 200);
		String brand = CatalogMessages.text("brand", request.getBrand(), 100);
		String size = CatalogMessages.text("size", request.getSize(), 50);
		Long minPrice = request.hasMinPrice() ? price("minPrice", request.getMinPrice()) : null;
		Long maxPrice = request.hasMaxPrice() ? price("maxPrice", request.getMaxPrice()) : null;
		int limit = request.getLimit() == 0 ? DEFAULT_LIMIT : request.getLimit();
		if (limit < 1 || limit > Pages.MAX_LIMIT) {
			throw ApiException.invalid("limit", "must be between 1 and " + Pages.MAX_LIMIT);
		}
		ProductQuery query = new ProductQuery(text, brand, size, minPrice, maxPrice,
				ProductSort.parse(request.getSort(), text != null), blankToNull(request.getCursor()), limit);
		GrpcCalls.requireLive();
		ProductListing listing = this.catalog.search(query);
		SearchProductsResponse.Builder page = SearchProductsResponse.newBuilder();
		for (dev.fortress.catalog.internal.Product product : listing.products().items()) {
			page.addProducts(CatalogMessages.product(product, listing::available));
		}
		if (listing.products().nextCursor() != null) {
			page.setNextCursor(listing.products().nextCursor());
		}
		response.onNext(page.build());
		response.onCompleted();
	}

	private static long price(String field, long value) {
		if (value < 0) {
			throw ApiException.invalid(field, "must be at least 0");
		}
		return value;
	}

	private static @Nullable String blankToNull(String value) {
		return value.isBlank() ? null : value;
	}

}
