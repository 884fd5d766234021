package dev.fortress.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.StatementCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public product list: what one page costs the database, and how long a write may
 * stay unseen by it (ADR 0047). The page cache lives a minute here instead of a second,
 * so only invalidation, never expiry on a slow machine, can make a write visible (the
 * drop cache too, for {@link CatalogCachingIntegrationTests}, which shares this context).
 */
@TestPropertySource(properties = { "fortress.catalog.page-cache-ttl=60s", "fortress.inventory.drop-cache-ttl=60s" })
class ProductPageIntegrationTests extends IntegrationTest {

	@Test
	void aPageOfProductsWithVariantsAndStockIsTwoStatements() {
		LoggedIn admin = loggedIn("ADMIN");
		String brand = CatalogIntegrationTests.unique("Onestmt");
		for (int i = 0; i < 3; i++) {
			create(admin, "One statement " + i, brand, CatalogIntegrationTests.unique("OS" + i), 7);
		}
		// The writes above made every cached page stale, so both reads go to the
		// database.
		Read filtered = read("/api/v1/products?brand=" + brand + "&limit=50");
		assertThat(filtered.items()).hasSize(3);
		JsonNode variants = filtered.items().get(0).path("variants");
		assertThat(variants).hasSize(2);
		assertThat(variants.get(0).path("available").asInt()).isEqualTo(7);
		assertThat(variants.get(1).path("available").asInt()).isEqualTo(8);
		assertThat(variants.get(0).path("size").asString()).isEqualTo("41");
		assertThat(filtered.statements()).as("products with their variants, then their stock").isEqualTo(2);

		Read unfiltered = read("/api/v1/products?limit=50");
		assertThat(unfiltered.items()).isNotEmpty();
		assertThat(unfiltered.statements()).isEqualTo(2);
	}

	@Test
	void aRepeatedPublicReadIsServedFromTheCacheUntilACatalogOrStockWrite() {
		LoggedIn admin = loggedIn("ADMIN");
		String brand = CatalogIntegrationTests.unique("Cached");
		String sku = CatalogIntegrationTests.unique("CA");
		String id = create(admin, "Cached shoe", brand, sku, 5);
		String page = "/api/v1/products?brand=" + brand + "&limit=50";

		assertThat(read(page).statements()).isEqualTo(2);
		Read again = read(page);
		assertThat(again.statements()).as("served from the cache").isZero();
		assertThat(again.items().get(0).path("variants").get(0).path("available").asInt()).isEqualTo(5);
		assertThat(read("/api/v1/products?brand=" + brand + "&limit=49").statements())
			.as("the limit is part of the key")
			.isEqualTo(2);

		Http.Response restock = this.http.put("/api/v1/inventory/" + sku, Map.of("onHand", 2))
			.token(admin.accessToken())
			.send();
		assertThat(restock.status()).as(restock.toString()).isEqualTo(200);
		Read afterRestock = read(page);
		assertThat(afterRestock.statements()).isEqualTo(2);
		assertThat(afterRestock.items().get(0).path("variants").get(0).path("available").asInt()).isEqualTo(2);

		Http.Response renamed = this.http.patch("/api/v1/products/" + id, Map.of("name", "Renamed shoe"))
			.token(admin.accessToken())
			.send();
		assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
		assertThat(read(page).items().get(0).path("name").asString()).isEqualTo("Renamed shoe");
	}

	@Test
	void concurrentMissesOfOnePageReadTheDatabaseOnce() throws Exception {
		LoggedIn admin = loggedIn("ADMIN");
		String brand = CatalogIntegrationTests.unique("Crowd");
		create(admin, "Crowded shoe", brand, CatalogIntegrationTests.unique("CR"), 4);
		String page = "/api/v1/products?brand=" + brand + "&limit=50";
		int buyers = 16;
		ExecutorService pool = Executors.newFixedThreadPool(buyers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Read>> reads = new ArrayList<>();
			for (int i = 0; i < buyers; i++) {
				reads.add(pool.submit(() -> {
					start.await();
					return read(page);
				}));
			}
			start.countDown();
			int statements = 0;
			for (Future<Read> future : reads) {
				Read read = future.get(60, TimeUnit.SECONDS);
				assertThat(read.items()).hasSize(1);
				statements += read.statements();
			}
			assertThat(statements).as("one page read, by one of them").isEqualTo(2);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private String create(LoggedIn admin, String name, String brand, String sku, int stock) {
		Map<String, Object> product = Map.of("name", name, "brand", brand, "description", "", "variants",
				List.of(variant(sku, "41", stock), variant(sku + "-b", "42", stock + 1)));
		Http.Response response = this.http.post("/api/v1/products", product).token(admin.accessToken()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.text("id");
	}

	private static Map<String, Object> variant(String sku, String size, int stock) {
		return Map.of("sku", sku, "size", size, "price", Map.of("amount", 9900, "currency", "USD"), "stock", stock);
	}

	private Read read(String path) {
		String requestId = "products-" + UUID.randomUUID();
		Http.Response response = this.http.get(path).header("X-Request-Id", requestId).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return new Read(response.json().path("items"), StatementCounter.count(requestId));
	}

	private record Read(JsonNode items, int statements) {
	}

}
