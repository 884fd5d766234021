package dev.fortress.catalog.grpc;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import fortress.catalog.v1.GetProductRequest;
import fortress.catalog.v1.Product;
import fortress.catalog.v1.SearchProductsRequest;
import fortress.catalog.v1.SearchProductsResponse;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fortress.support.GrpcClient;
import dev.fortress.support.Http;
import dev.fortress.support.GrpcIntegrationTest;

import static dev.fortress.support.GrpcClient.assertProblem;
import static dev.fortress.support.GrpcClient.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fortress.catalog.v1.CatalogService} over a real gRPC channel: the same products,
 * prices, stock and pages as REST, and REST's refusals of bad input as
 * {@code INVALID_ARGUMENT} naming the field.
 */
class CatalogGrpcIntegrationTests extends GrpcIntegrationTest {

	private static final MethodDescriptor<GetProductRequest, Product> GET_PRODUCT = CatalogGrpcService.SERVICE
		.method("GetProduct");

	private static final MethodDescriptor<SearchProductsRequest, SearchProductsResponse> SEARCH = CatalogGrpcService.SERVICE
		.method("SearchProducts");

	private LoggedIn admin;

	@BeforeEach
	void admin() {
		this.admin = loggedIn("ADMIN");
	}

	@Test
	void getProductAnswersWhatRestAnswers() {
		String brand = unique("Brand");
		String id = product("Runner", brand,
				List.of(variant(unique("R"), "41", 9900, 3), variant(unique("R"), "42", 8900, 0)));
		Product product = this.grpc.call(GET_PRODUCT, GetProductRequest.newBuilder().setId(id).build());
		JsonNode rest = this.http.get("/api/v1/products/" + id).send().json();
		assertThat(product.getId()).isEqualTo(rest.path("id").asText());
		assertThat(product.getName()).isEqualTo("Runner");
		assertThat(product.getBrand()).isEqualTo(brand);
		assertThat(product.getFromPrice().getAmount()).isEqualTo(rest.path("fromPrice").path("amount").asLong())
			.isEqualTo(8900);
		assertThat(product.getFromPrice().getCurrency()).isEqualTo("EUR");
		assertThat(product.getVariantsList()).hasSize(2);
		for (int i = 0; i < 2; i++) {
			JsonNode variant = rest.path("variants").get(i);
			assertThat(product.getVariants(i).getSku()).isEqualTo(variant.path("sku").asText());
			assertThat(product.getVariants(i).getSize()).isEqualTo(variant.path("size").asText());
			assertThat(product.getVariants(i).getPrice().getAmount())
				.isEqualTo(variant.path("price").path("amount").asLong());
			assertThat(product.getVariants(i).getAvailable()).isEqualTo(variant.path("available").asInt());
		}
		assertThat(product.getVariants(0).getAvailable()).isEqualTo(3);
	}

	@Test
	void anUnknownProductIsNotFoundAndAMalformedIdAnInvalidArgument() {
		assertProblem(
				failure(() -> this.grpc.call(GET_PRODUCT,
						GetProductRequest.newBuilder().setId(UUID.randomUUID().toString()).build())),
				Status.Code.NOT_FOUND, "not-found");
		StatusRuntimeException malformed = failure(
				() -> this.grpc.call(GET_PRODUCT, GetProductRequest.newBuilder().setId("42").build()));
		assertProblem(malformed, Status.Code.INVALID_ARGUMENT, "validation-error");
		assertThat(GrpcClient.badRequest(malformed).getFieldViolations(0).getField()).isEqualTo("id");
	}

	@Test
	void searchProductsFiltersSortsAndPagesAsRest() {
		String brand = unique("Pager");
		for (int i = 0; i < 3; i++) {
			product("Pager shoe " + i, brand, List.of(variant(unique("P"), "40", 1000 * (i + 1), 5)));
		}
		SearchProductsResponse first = this.grpc.call(SEARCH,
				SearchProductsRequest.newBuilder().setBrand(brand).setSort("price_asc").setLimit(2).build());
		assertThat(first.getProductsList()).extracting(Product::getName)
			.containsExactly("Pager shoe 0", "Pager shoe 1");
		assertThat(first.getNextCursor()).isNotEmpty();
		SearchProductsResponse second = this.grpc.call(SEARCH,
				SearchProductsRequest.newBuilder()
					.setBrand(brand)
					.setSort("price_asc")
					.setLimit(2)
					.setCursor(first.getNextCursor())
					.build());
		assertThat(second.getProductsList()).extracting(Product::getName).containsExactly("Pager shoe 2");
		assertThat(second.getNextCursor()).isEmpty();

		SearchProductsResponse cheap = this.grpc.call(SEARCH,
				SearchProductsRequest.newBuilder().setBrand(brand).setMaxPrice(1500).build());
		JsonNode rest = this.http.get("/api/v1/products?brand=" + brand + "&maxPrice=1500").send().json();
		assertThat(cheap.getProductsList()).extracting(Product::getId)
			.containsExactly(rest.path("items").get(0).path("id").asText());
	}

	@Test
	void badSearchesAreInvalidArgumentsNamingTheField() {
		assertField(SearchProductsRequest.newBuilder().setSort("cheapest").build(), "sort");
		assertField(SearchProductsRequest.newBuilder().setLimit(1000).build(), "limit");
		assertField(SearchProductsRequest.newBuilder().setMinPrice(-1).build(), "minPrice");
		assertField(SearchProductsRequest.newBuilder().setQ("x".repeat(201)).build(), "q");
		StatusRuntimeException cursor = failure(
				() -> this.grpc.call(SEARCH, SearchProductsRequest.newBuilder().setCursor("%%%garbage").build()));
		assertProblem(cursor, Status.Code.INVALID_ARGUMENT, "validation-error");
	}

	private void assertField(SearchProductsRequest request, String field) {
		StatusRuntimeException failure = failure(() -> this.grpc.call(SEARCH, request));
		assertProblem(failure, Status.Code.INVALID_ARGUMENT, "validation-error");
		assertThat(GrpcClient.badRequest(failure).getFieldViolations(0).getField()).isEqualTo(field);
	}

	private String product(String name, String brand, List<Map<String, Object>> variants) {
		Http.Response created = this.http
			.post("/api/v1/products", Map.of("name", name, "brand", brand, "variants", variants))
			.token(this.admin.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.text("id");
	}

	private static Map<String, Object> variant(String sku, String size, long amount, int stock) {
		return Map.of("sku", sku, "size", size, "price", Map.of("amount", amount, "currency", "EUR"), "stock", stock);
	}

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

}
