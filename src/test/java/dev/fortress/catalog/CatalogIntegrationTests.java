package dev.fortress.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogIntegrationTests extends IntegrationTest {

	static Map<String, Object> product(String name, String brand, String description, String sku, long price,
			int stock) {
		return Map.of("name", name, "brand", brand, "description", description, "variants", List
			.of(Map.of("sku", sku, "size", "42", "price", Map.of("amount", price, "currency", "USD"), "stock", stock)));
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void adminCreatesAProductThatAnyoneCanRead() {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = unique("AJ1");
		Http.Response created = this.http
			.post("/api/v1/products", product("Air Jordan 1 Chicago", "Nike", "The original.", sku, 17000, 5))
			.token(admin.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.text("id");

		Http.Response read = this.http.get("/api/v1/products/" + id).send();
		assertThat(read.status()).isEqualTo(200);
		JsonNode variant = read.json().path("variants").get(0);
		assertThat(variant.path("sku").asString()).isEqualTo(sku);
		assertThat(variant.path("price").path("amount").asLong()).isEqualTo(17000);
		assertThat(variant.path("available").asInt()).isEqualTo(5);
		assertThat(read.header("ETag")).isNotNull();

		Http.Response stock = this.http.get("/api/v1/inventory/" + sku).send();
		assertThat(stock.json().path("onHand").asInt()).isEqualTo(5);
	}

	@Test
	void onlyAdminsCreateProductsAndSkusAreUnique() {
		LoggedIn editor = loggedIn("EDITOR");
		LoggedIn admin = loggedIn("ADMIN");
		String sku = unique("DUP");
		assertThat(this.http.post("/api/v1/products", product("Shoe", "Brand", "", sku, 100, 1)).send().status())
			.isEqualTo(401);
		assertThat(this.http.post("/api/v1/products", product("Shoe", "Brand", "", sku, 100, 1))
			.token(editor.accessToken())
			.send()
			.status()).isEqualTo(403);
		assertThat(this.http.post("/api/v1/products", product("Shoe", "Brand", "", sku, 100, 1))
			.token(admin.accessToken())
			.send()
			.status()).isEqualTo(201);
		Http.Response duplicate = this.http.post("/api/v1/products", product("Shoe 2", "Brand", "", sku, 100, 1))
			.token(admin.accessToken())
			.send();
		assertThat(duplicate.status()).isEqualTo(409);
		Http.Response invalid = this.http
			.post("/api/v1/products", Map.of("name", "", "brand", "B", "variants", List.of()))
			.token(admin.accessToken())
			.send();
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.text("type")).endsWith("validation-error");
	}

	@Test
	void searchRanksMatchesMatchesPrefixesFiltersAndPages() {
		LoggedIn admin = loggedIn("ADMIN");
		String brand = unique("Zephyrbrand");
		String word = "quokka" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9]", "x");
		create(admin, word + " Runner", brand, "fast shoe", unique("S1"), 9000);
		create(admin, "Trail Shoe", brand, "a shoe for the " + word + " trail", unique("S2"), 12000);
		create(admin, word + " Boot", brand, "", unique("S3"), 15000);
		create(admin, "Unrelated", "Other", "nothing here", unique("S4"), 5000);

		JsonNode ranked = this.http.get("/api/v1/products?q=" + word).send().json().path("items");
		assertThat(ranked).hasSize(3);
		assertThat(ranked.get(2).path("name").asString()).isEqualTo("Trail Shoe");

		JsonNode prefix = this.http.get("/api/v1/products?q=" + word.substring(0, 7)).send().json().path("items");
		assertThat(prefix.size()).isGreaterThanOrEqualTo(3);

		JsonNode filtered = this.http
			.get("/api/v1/products?brand=" + brand.toLowerCase() + "&minPrice=10000&maxPrice=13000&size=42")
			.send()
			.json()
			.path("items");
		assertThat(filtered).hasSize(1);
		assertThat(filtered.get(0).path("name").asString()).isEqualTo("Trail Shoe");

		List<String> names = new ArrayList<>();
		String next = "/api/v1/products?brand=" + brand + "&sort=price_desc&limit=2";
		while (next != null) {
			Http.Response page = this.http.get(next).send();
			assertThat(page.status()).isEqualTo(200);
			page.json().path("items").forEach(item -> names.add(item.path("name").asString()));
			String cursor = page.text("nextCursor");
			next = cursor == null ? null
					: "/api/v1/products?brand=" + brand + "&sort=price_desc&limit=2&cursor=" + cursor;
		}
		assertThat(names).containsExactly(word + " Boot", "Trail Shoe", word + " Runner");

		assertThat(this.http.get("/api/v1/products?sort=cheapest").send().status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/products?cursor=%21%21").send().status()).isEqualTo(400);
		assertThat(this.http.get("/api/v1/products?q=%27%3B%20drop%20table%20products%3B--").send().status())
			.isEqualTo(200);
	}

	@Test
	void searchUsesTheIndexes() {
		this.jdbc.sql("""
				insert into products (id, name, brand, description, currency, min_price, created_at, updated_at)
				select gen_random_uuid(), 'Bulk product ' || g, 'bulkbrand' || (g % 50), 'generated filler ' || g,
				       'USD', g, now(), now()
				from generate_series(1, 20000) g
				where not exists (select 1 from products where brand = 'bulkbrand0')
				""").update();
		this.jdbc.sql("analyze products").update();
		// The shape ProductSearch runs for ?q=zebra runner (relevance order).
		assertThat(plan("""
				select id, ts_rank(p.search_vector, to_tsquery('simple', 'zebra:* & runner:*')) as rank
				from products p
				where p.search_vector @@ (websearch_to_tsquery('english', 'zebra runner')
				                          || to_tsquery('simple', 'zebra:* & runner:*'))
				order by rank desc, id desc limit 51
				""")).contains("Bitmap Index Scan on products_search_idx");
		assertThat(
				plan("select id from products p where lower(p.brand) = lower('bulkbrand7') order by lower(brand), id"))
			.contains("products_brand_idx");
		assertThat(plan("select id from products p order by min_price, id limit 51")).contains("products_price_idx");
	}

	private String plan(String sql) {
		return String.join("\n", this.jdbc.sql("explain " + sql).query(String.class).list());
	}

	private void create(LoggedIn admin, String name, String brand, String description, String sku, long price) {
		Http.Response response = this.http.post("/api/v1/products", product(name, brand, description, sku, price, 3))
			.token(admin.accessToken())
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
	}

}
