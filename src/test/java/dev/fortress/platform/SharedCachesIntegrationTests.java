package dev.fortress.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fortress.catalog.internal.Product;
import dev.fortress.platform.cache.CacheProperties;
import dev.fortress.platform.cache.CacheSettings;
import dev.fortress.platform.cache.Caches;
import dev.fortress.platform.cache.ReadCache;
import dev.fortress.support.Http;
import dev.fortress.support.LocalRedis;
import dev.fortress.tasks.TaskForgeTest;
import dev.fortress.tasks.api.ProjectRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application with {@code FORTRESS_REDIS_URL} set to the real local Redis, next to a
 * second "instance" (a cache manager of the test's own): what this application caches is
 * in Redis as JSON the other can read, and a write made on the other instance reaches
 * this application's memory through pub/sub, long before the TTLs (60 s, 10 s) would.
 * Skipped when Redis is absent, unless {@code FORTRESS_REQUIRE_SERVICES=true}.
 */
class SharedCachesIntegrationTests extends TaskForgeTest {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("fortress.cache.redis-url", () -> LocalRedis.URL);
	}

	@Autowired
	private JsonMapper json;

	@Autowired
	private Caches caches;

	private Caches otherInstance;

	@BeforeEach
	void startOtherInstance() {
		LocalRedis.assumeAvailable();
		this.otherInstance = new Caches(CacheProperties.redis(LocalRedis.URL), new SimpleMeterRegistry(), this.json);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.caches.receivingInvalidations() && this.otherInstance.receivingInvalidations());
	}

	@AfterEach
	void stopOtherInstance() {
		if (this.otherInstance != null) {
			this.otherInstance.destroy();
		}
	}

	@Test
	void aProductIsSharedAsJsonAndAnEditElsewhereReachesThisInstanceAtOnce() {
		ReadCache<String, Product> products = this.otherInstance
			.create(CacheSettings.local("products", Duration.ofSeconds(60)).sharedThroughRedis(), Product.class);
		LoggedIn admin = loggedIn("ADMIN");
		String sku = "SH-" + UUID.randomUUID().toString().substring(0, 8);
		Http.Response created = this.http
			.post("/api/v1/products",
					Map.of("name", "Shared", "brand", "Fortress", "description", "", "variants", List.of(Map.of("sku",
							sku, "size", "40", "price", Map.of("amount", 1000, "currency", "EUR"), "stock", 3))))
			.token(admin.accessToken())
			.send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.text("id");
		String path = "/api/v1/products/" + id;
		assertThat(this.http.get(path).send().text("name")).isEqualTo("Shared");

		// The other instance finds the product in Redis, decoded from JSON, without a
		// database (its loader fails).
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(products.find(id, key -> {
			throw new IllegalStateException("not in Redis yet");
		})).map(Product::name).contains("Shared"));

		// The other instance edits the product (its own SQL) and invalidates it.
		this.jdbc.sql("update products set name = 'Edited elsewhere', version = version + 1 where id = :id")
			.param("id", UUID.fromString(id))
			.update();
		products.invalidate(id);

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.http.get(path).send().text("name")).isEqualTo("Edited elsewhere"));
	}

	@Test
	void aMemberRemovedOnAnotherInstanceLosesAccessHereAtOnce() {
		ReadCache<String, ProjectRole> roles = this.otherInstance.create(
				CacheSettings.local("project-roles", Duration.ofSeconds(10)).sharedThroughRedis(), ProjectRole.class);
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		UUID project = createProject(owner, "Shared roles");
		addMember(owner, project, member.id(), "EDITOR");
		String path = "/api/v1/projects/" + project;
		assertThat(this.http.get(path).token(member.accessToken()).send().status()).isEqualTo(200);
		String key = project + ":" + member.id();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(roles.find(key, k -> {
			throw new IllegalStateException("not in Redis yet");
		})).isEqualTo(Optional.of(ProjectRole.EDITOR)));

		this.jdbc.sql("delete from project_members where project_id = :project and user_id = :user")
			.param("project", project)
			.param("user", member.id())
			.update();
		roles.invalidate(key);

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(this.http.get(path).token(member.accessToken()).send().status()).isEqualTo(404));
	}

}
