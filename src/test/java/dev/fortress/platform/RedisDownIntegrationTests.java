package dev.fortress.platform;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.SilentServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application with {@code FORTRESS_REDIS_URL} naming a server that accepts
 * connections and never answers (a hung Redis): cached reads and the writes that
 * invalidate them are still answered, each within a bounded time (ADR 0050).
 */
class RedisDownIntegrationTests extends IntegrationTest {

	private static final long BOUND_MILLIS = 1_000;

	private static final SilentServer HUNG_REDIS = new SilentServer();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("fortress.cache.redis-url", () -> "redis://127.0.0.1:" + HUNG_REDIS.port());
	}

	@AfterAll
	static void stop() {
		HUNG_REDIS.close();
	}

	@Test
	void cachedReadsAndInvalidatingWritesAreServedWithinTheBound() {
		LoggedIn admin = loggedIn("ADMIN");
		String sku = "RD-" + UUID.randomUUID().toString().substring(0, 8);
		Http.Response created = this.http
			.post("/api/v1/products",
					Map.of("name", "Hung Redis", "brand", "Fortress", "description", "", "variants", List.of(Map
						.of("sku", sku, "size", "40", "price", Map.of("amount", 1000, "currency", "EUR"), "stock", 3))))
			.token(admin.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String product = "/api/v1/products/" + created.text("id");

		for (int i = 0; i < 20; i++) {
			Http.Response read = timed(() -> this.http.get(product).send());
			assertThat(read.status()).isEqualTo(200);
			Http.Response page = timed(() -> this.http.get("/api/v1/products?brand=Fortress").send());
			assertThat(page.status()).isEqualTo(200);
		}
		Http.Response renamed = timed(() -> this.http.patch(product, Map.of("name", "Renamed while Redis hangs"))
			.token(admin.accessToken())
			.send());
		assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
		assertThat(timed(() -> this.http.get(product).send()).text("name")).isEqualTo("Renamed while Redis hangs");

		LoggedIn member = loggedIn("EDITOR");
		Http.Response project = this.http.post("/api/v1/projects", Map.of("name", "Hung", "description", ""))
			.token(member.accessToken())
			.send();
		assertThat(project.status()).as(project.toString()).isEqualTo(201);
		for (int i = 0; i < 10; i++) {
			assertThat(timed(
					() -> this.http.get("/api/v1/projects/" + project.text("id")).token(member.accessToken()).send())
				.status()).isEqualTo(200);
		}
	}

	private static Http.Response timed(java.util.function.Supplier<Http.Response> request) {
		long started = System.nanoTime();
		Http.Response response = request.get();
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		assertThat(millis).as("answered in (ms): " + response).isLessThan(BOUND_MILLIS);
		return response;
	}

}
