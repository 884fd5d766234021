package dev.fortress.realtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fortress.platform.redis.RedisLink;
import dev.fortress.platform.redis.RedisSettings;
import dev.fortress.support.LocalRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence shared through the real Redis by two instances' boards: a user marked on one
 * is seen on the other, online or away, and gone after the grace period.
 */
class RedisPresenceTests {

	private RedisLink one;

	private RedisLink two;

	@BeforeEach
	void links() {
		LocalRedis.assumeAvailable();
		this.one = new RedisLink(RedisSettings.of(LocalRedis.URL));
		this.two = new RedisLink(RedisSettings.of(LocalRedis.URL));
		await().until(() -> this.one.connection() != null && this.two.connection() != null);
	}

	@AfterEach
	void close() {
		if (this.one != null) {
			this.one.close();
			this.two.close();
		}
	}

	@Test
	void aUserMarkedOnOneInstanceIsPresentOnTheOtherUntilTheGracePeriodEnds() {
		RedisPresence here = new RedisPresence(this.one, new LocalPresence(Clock.systemUTC()));
		RedisPresence there = new RedisPresence(this.two, new LocalPresence(Clock.systemUTC()));
		UUID active = UUID.randomUUID();
		UUID idle = UUID.randomUUID();
		UUID absent = UUID.randomUUID();

		here.mark(active, true, Duration.ofMillis(800));
		here.mark(idle, false, Duration.ofMillis(800));

		assertThat(there.present(List.of(active, idle, absent)))
			.isEqualTo(Map.of(active, PresenceStatus.ONLINE, idle, PresenceStatus.AWAY));
		await().atMost(Duration.ofSeconds(3)).until(() -> there.present(List.of(active, idle)).isEmpty());
	}

}
