package dev.fortress.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.StatementCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP caching of the public catalog and drop reads ({@code ETag}, {@code If-None-Match}
 * → {@code 304}, {@code Cache-Control}), and writes invalidating the cached reads behind
 * them (ADR 0050). The caches live a minute here (the context of
 * {@link ProductPageIntegrationTests}), so only invalidation can make a write visible.
 */
@TestPropertySource(properties = { "fortress.catalog.page-cache-ttl=60s", "fortress.inventory.drop-cache-ttl=60s" })
class CatalogCachingIntegrationTests extends IntegrationTest {

	@Test
	void theProductListAnswers304ToItsETagUntilWhatItShowsChanges() {
		LoggedIn admin = loggedIn("ADMIN");
		String brand = CatalogIntegrationTests.unique("Etag");
		String sku = CatalogIntegrationTests.unique("ET");
		create(admin, "Tagged shoe", brand, sku, 5);
		String page = "/api/v1/products?brand=" + brand;

		Http.Response first = this.http.get(page).send();
		assertThat(first.status()).isEqualTo(200);
		String tag = first.header("ETag");
		assertThat(tag).startsWith("W/\"");
		assertThat(first.headers()
			.entrySet()
			.stream()
			.filter(header -> header.getKey().equalsIgnoreCase("Cache-Control"))
			.flatMap(header -> header.getValue().stream())
			.toList()).as("one policy, replacing the default no-store").containsExactly("no-cache, public");

		Http.Response same = this.http.get(page).header("If-None-Match", tag).send();
		assertThat(same.status()).isEqualTo(304);
		assertThat(same.body()).isEmpty();
		assertThat(same.header("ETag")).isEqualTo(tag);
		assertThat(this.http.get(page).header("If-None-Match", "W/\"other\", " + tag).send().status()).isEqualTo(304);
		assertThat(this.http.get(page).header("If-None-Match", "W/\"other\"").send().status()).isEqualTo(200);

		Http.Response restock = this.http.put("/api/v1/inventory/" + sku, Map.of("onHand", 3))
			.token(admin.accessToken())
			.send();
		assertThat(restock.status()).as(restock.toString()).isEqualTo(200);
		Http.Response changed = this.http.get(page).header("If-None-Match", tag).send();
		assertThat(changed.status()).as("units available changed").isEqualTo(200);
		assertThat(changed.header("ETag")).isNotEqualTo(tag);
		assertThat(changed.json().path("items").get(0).path("variants").get(0).path("available").asInt()).isEqualTo(3);

		String metrics = this.http.get("/actuator/prometheus").send().body();
		assertThat(metrics).contains("cache_gets_total{cache=\"product-pages\",result=\"hit\"}",
				"cache_gets_total{cache=\"product-pages\",result=\"miss\"}",
				"cache_evictions_total{cache=\"product-pages\"}",
				"fortress_cache_loads_total{cache=\"product-pages\",result=\"success\"}");
	}

	@Test
	void aCachedProductReadSeesAnEditAtOnce() {
		LoggedIn admin = loggedIn("ADMIN");
		String id = create(admin, "Cached single", CatalogIntegrationTests.unique("Single"),
				CatalogIntegrationTests.unique("SG"), 4);
		String path = "/api/v1/products/" + id;
		assertThat(read(path).json().path("name").asString()).isEqualTo("Cached single");
		String requestId = "product-" + UUID.randomUUID();
		Http.Response cached = this.http.get(path).header("X-Request-Id", requestId).send();
		assertThat(cached.status()).isEqualTo(200);
		assertThat(StatementCounter.count(requestId)).as("the product from the cache, only its stock read")
			.isEqualTo(1);

		Http.Response renamed = this.http.patch(path, Map.of("name", "Renamed single"))
			.token(admin.accessToken())
			.header("If-Match", cached.header("ETag"))
			.send();
		assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
		assertThat(read(path).json().path("name").asString()).isEqualTo("Renamed single");

		String unknown = "/api/v1/products/" + UUID.randomUUID();
		assertThat(this.http.get(unknown).send().status()).isEqualTo(404);
		assertThat(this.http.get(unknown).send().status()).as("absence cached, still 404").isEqualTo(404);
	}

	@Test
	void aDropReadAnswers304UntilASaleChangesIt() {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = CatalogIntegrationTests.unique("DR");
		create(admin, "Dropped shoe", CatalogIntegrationTests.unique("Drop"), sku, 5);
		Http.Response drop = this.http
			.post("/api/v1/drops", Map.of("sku", sku, "quantity", 3, "startsAt",
					Instant.now().minusSeconds(1).toString(), "perCustomerLimit", 2))
			.token(admin.accessToken())
			.send();
		assertThat(drop.status()).as(drop.toString()).isEqualTo(201);
		String path = "/api/v1/drops/" + drop.text("id");

		Http.Response first = read(path);
		assertThat(first.json().path("available").asInt()).isEqualTo(3);
		String tag = first.header("ETag");
		assertThat(tag).startsWith("W/\"");
		assertThat(first.header("Cache-Control")).isEqualTo("no-cache, public");
		assertThat(this.http.get(path).header("If-None-Match", tag).send().status()).isEqualTo(304);

		LoggedIn buyer = loggedIn("EDITOR");
		Http.Response order = this.http
			.post("/api/v1/orders",
					Map.of("dropId", drop.text("id"), "quantity", 1, "payment", Map.of("token", "tok_visa")))
			.token(buyer.accessToken())
			.header("Idempotency-Key", "cache-" + buyer.id())
			.send();
		assertThat(order.status()).as(order.toString()).isEqualTo(201);

		Http.Response afterSale = this.http.get(path).header("If-None-Match", tag).send();
		assertThat(afterSale.status()).as("the sale made the cached drop stale").isEqualTo(200);
		assertThat(afterSale.json().path("available").asInt()).isEqualTo(2);
		assertThat(afterSale.header("ETag")).isNotEqualTo(tag);
	}

	private Http.Response read(String path) {
		Http.Response response = this.http.get(path).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response;
	}

	private String create(LoggedIn admin, String name, String brand, String sku, int stock) {
		Map<String, Object> product = Map.of("name", name, "brand", brand, "description", "", "variants", List
			.of(Map.of("sku", sku, "size", "41", "price", Map.of("amount", 9900, "currency", "USD"), "stock", stock)));
		Http.Response response = this.http.post("/api/v1/products", product).token(admin.accessToken()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.text("id");
	}

}
