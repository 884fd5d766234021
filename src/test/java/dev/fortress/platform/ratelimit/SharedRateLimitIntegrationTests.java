package dev.fortress.platform.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.fortress.platform.redis.RedisLink;
import dev.fortress.platform.redis.RedisSettings;
import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;
import dev.fortress.support.LocalRedis;

import static dev.fortress.support.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application with {@code FORTRESS_REDIS_URL}, over HTTP, next to another instance (a
 * second limiter on its own Redis connection): the credential bucket they see is one.
 * Same properties as {@code ScaleOutSoldOutIntegrationTests}, so both share a context.
 */
@TestPropertySource(properties = { "fortress.redis.url=redis://127.0.0.1:6379", "fortress.rate-limit.auth=3" })
class SharedRateLimitIntegrationTests extends IntegrationTest {

	@Autowired
	RateLimiter limiter;

	private RedisLink otherInstance;

	@BeforeEach
	void redis() {
		LocalRedis.assumeAvailable();
		this.otherInstance = new RedisLink(RedisSettings.of(LocalRedis.URL));
	}

	@AfterEach
	void close() {
		if (this.otherInstance != null) {
			this.otherInstance.close();
		}
	}

	@Test
	void anotherInstanceSpendsTheSameCredentialBucket() {
		assertThat(this.limiter).isInstanceOf(RedisRateLimiter.class);
		RedisRateLimiter other = new RedisRateLimiter(this.otherInstance, new SimpleMeterRegistry());
		RateLimitPolicy auth = new RateLimitPolicy("auth", 3, Duration.ofMinutes(1));
		// This machine's bucket, as both instances name it; emptied of earlier runs.
		for (String ip : new String[] { "127.0.0.1", "0:0:0:0:0:0:0:1" }) {
			delete("fortress:rate-limit:auth:ip:" + ip);
		}
		// The application's own link is up once one of its decisions is not local.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			double before = ((RedisRateLimiter) this.limiter).fallbacks();
			this.limiter.tryConsume("probe:" + UUID.randomUUID(), auth);
			assertThat(((RedisRateLimiter) this.limiter).fallbacks()).isEqualTo(before);
		});
		Http.Response first = login();
		assertThat(first.status()).as(first.toString()).isEqualTo(401);
		String ip = first.header("RateLimit").equals("\"auth\";r=2;t=0") ? null : "?";
		assertThat(ip).as("a fresh shared bucket: %s", first.header("RateLimit")).isNull();

		// The other instance takes the two tokens left (the client's address as this
		// application saw it: loopback).
		String key = "ip:" + clientAddress();
		assertThat(other.tryConsume(key, auth).allowed()).isTrue();
		assertThat(other.tryConsume(key, auth).allowed()).isTrue();
		assertThat(other.fallbacks()).isZero();

		assertProblem(login(), 429, "rate-limited");
	}

	private Http.Response login() {
		return this.http.post("/api/v1/auth/login", Map.of("email", "nobody@example.com", "password", "whatever-it-is"))
			.send();
	}

	/** The address this application sees for the test's client. */
	private String clientAddress() {
		try (StatefulRedisConnection<String, String> connection = connect()) {
			return connection.sync()
				.keys("fortress:rate-limit:auth:ip:*")
				.stream()
				.filter(k -> k.endsWith(":127.0.0.1") || k.endsWith(":0:0:0:0:0:0:0:1"))
				.map(k -> k.substring("fortress:rate-limit:auth:ip:".length()))
				.findFirst()
				.orElseThrow();
		}
	}

	private static void delete(String key) {
		try (StatefulRedisConnection<String, String> connection = connect()) {
			connection.sync().del(key);
		}
	}

	private static StatefulRedisConnection<String, String> connect() {
		return RedisClient.create(LocalRedis.URL).connect();
	}

}
