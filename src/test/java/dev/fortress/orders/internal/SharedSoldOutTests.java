package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fortress.platform.cluster.PeerMessages;
import dev.fortress.platform.redis.RedisLink;
import dev.fortress.platform.redis.RedisPeerMessages;
import dev.fortress.platform.redis.RedisSettings;
import dev.fortress.support.LocalRedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sold-out memory of two instances (docs/adr/0051): units that come back in one are
 * forgotten in the other at once, not after the TTL; a drop one reads empty the other
 * learns, for no longer than the first remembers it. First over real Redis pub/sub, then
 * the message rules with an in-process channel.
 */
class SharedSoldOutTests {

	/** Long enough that only a message can explain forgetting within the test. */
	private static final Duration LONG_TTL = Duration.ofMinutes(1);

	private final List<AutoCloseable> closing = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = this.closing.size() - 1; i >= 0; i--) {
			this.closing.get(i).close();
		}
	}

	@Test
	void aReleaseInOneInstanceIsForgottenInTheOtherOverRedis() {
		LocalRedis.assumeAvailable();
		KnownSoldOut first = new KnownSoldOut(properties(LONG_TTL), redisPeers(), Clock.systemUTC());
		KnownSoldOut second = new KnownSoldOut(properties(LONG_TTL), redisPeers(), Clock.systemUTC());
		String drop = KnownSoldOut.dropKey(UUID.randomUUID());

		// Both subscribed: the first instance's news reaches the second.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			first.remember(drop, first.generation());
			assertThat(second.isSoldOut(drop)).isTrue();
		});
		// The second reads the drop empty itself as well (its own database read). Its
		// news
		// goes to the first over Redis too: let it arrive before the release, or it would
		// land after it and make the first remember the drop again (a race of this test,
		// not of the product: the real release is after commit, and news then is right).
		second.remember(drop, second.generation());
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);

		// A release commits in the first instance (OrderLifecycle forgets after commit).
		long released = System.nanoTime();
		first.forgetAll();
		assertThat(first.isSoldOut(drop)).isFalse();
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> !second.isSoldOut(drop));
		assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(LONG_TTL);

		// And the other way round.
		first.remember(drop, first.generation());
		await().atMost(Duration.ofSeconds(2)).until(() -> second.isSoldOut(drop));
		second.forgetAll();
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> !first.isSoldOut(drop));
	}

	@Test
	void withoutRedisEachInstanceStillForgetsAfterItsTtl() throws Exception {
		// Nothing listens on the port: messages are lost, and the TTL alone bounds the
		// other instance's stale memory, as before scale-out.
		PeerMessages deaf = new RedisPeerMessages(link("redis://127.0.0.1:1"));
		KnownSoldOut first = new KnownSoldOut(properties(Duration.ofMillis(300)), deaf, Clock.systemUTC());
		KnownSoldOut second = new KnownSoldOut(properties(Duration.ofMillis(300)), deaf, Clock.systemUTC());
		String drop = KnownSoldOut.dropKey(UUID.randomUUID());
		second.remember(drop, second.generation());
		first.forgetAll();
		assertThat(second.isSoldOut(drop)).isTrue();
		await().atMost(Duration.ofSeconds(2)).until(() -> !second.isSoldOut(drop));
		assertThat(first.isSoldOut(drop)).isFalse();
	}

	@Test
	void newsFromAPeerLivesNoLongerThanThePeersOwnMemory() {
		InProcessPeers channel = new InProcessPeers();
		MutableClock senderClock = new MutableClock();
		MutableClock receiverClock = new MutableClock();
		KnownSoldOut sender = new KnownSoldOut(properties(Duration.ofSeconds(1)), channel.peer("a"), senderClock);
		KnownSoldOut receiver = new KnownSoldOut(properties(Duration.ofSeconds(1)), channel.peer("b"), receiverClock);

		// Delivered 800 ms after the sender's read (a slow broker): 200 ms left.
		channel.hold();
		sender.remember("drop:late", sender.generation());
		receiverClock.advance(Duration.ofMillis(800));
		channel.release();
		assertThat(receiver.isSoldOut("drop:late")).isTrue();
		await().atMost(Duration.ofMillis(600)).until(() -> !receiver.isSoldOut("drop:late"));

		// Delivered after the sender's TTL: not remembered at all.
		channel.hold();
		sender.remember("drop:stale", sender.generation());
		receiverClock.advance(Duration.ofMillis(1_500));
		channel.release();
		assertThat(receiver.isSoldOut("drop:stale")).isFalse();

		// A receiver whose clock is behind the sender's gets the TTL, never more.
		senderClock.advance(Duration.ofMinutes(10));
		sender.remember("drop:skewed", sender.generation());
		assertThat(receiver.isSoldOut("drop:skewed")).isTrue();
		await().atMost(Duration.ofMillis(1_500)).until(() -> !receiver.isSoldOut("drop:skewed"));
	}

	@Test
	void newsIsNotEchoedAndGarbageIsIgnored() {
		InProcessPeers channel = new InProcessPeers();
		KnownSoldOut first = new KnownSoldOut(properties(LONG_TTL), channel.peer("a"), Clock.systemUTC());
		KnownSoldOut second = new KnownSoldOut(properties(LONG_TTL), channel.peer("b"), Clock.systemUTC());
		first.remember("drop:x", first.generation());
		assertThat(second.isSoldOut("drop:x")).isTrue();
		// one message each way at most: the receiver does not publish what it learned
		assertThat(channel.published).containsExactly("a sold-out drop:x " + channel.lastMillis("a"));

		channel.deliver("c", "sold-out");
		channel.deliver("c", "sold-out drop:y not-a-time");
		channel.deliver("c", "restock everything");
		assertThat(second.isSoldOut("drop:x")).isTrue();
		assertThat(second.isSoldOut("drop:y")).isFalse();
	}

	private static InventoryProperties properties(Duration ttl) {
		return new InventoryProperties("batched", 0, null, 0, ttl);
	}

	private PeerMessages redisPeers() {
		return new RedisPeerMessages(link(LocalRedis.URL));
	}

	private RedisLink link(String url) {
		RedisLink link = new RedisLink(RedisSettings.of(url));
		this.closing.add(link);
		return link;
	}

	/** Every peer sees every other peer's messages, synchronously, unless held. */
	private static final class InProcessPeers {

		final List<String> published = new ArrayList<>();

		private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();

		private final List<String[]> held = new ArrayList<>();

		private boolean holding;

		PeerMessages peer(String name) {
			return new PeerMessages() {
				@Override
				public void publish(String topic, String message) {
					InProcessPeers.this.published.add(name + ' ' + message);
					if (InProcessPeers.this.holding) {
						InProcessPeers.this.held.add(new String[] { name, message });
					}
					else {
						deliver(name, message);
					}
				}

				@Override
				public void subscribe(String topic, Consumer<String> listener) {
					InProcessPeers.this.listeners.put(name, listener);
				}
			};
		}

		void deliver(String from, String message) {
			this.listeners.forEach((name, listener) -> {
				if (!name.equals(from)) {
					listener.accept(message);
				}
			});
		}

		void hold() {
			this.holding = true;
		}

		void release() {
			this.holding = false;
			this.held.forEach(message -> deliver(message[0], message[1]));
			this.held.clear();
		}

		String lastMillis(String from) {
			String last = this.published.stream()
				.filter(m -> m.startsWith(from + ' '))
				.reduce((a, b) -> b)
				.orElseThrow();
			return last.substring(last.lastIndexOf(' ') + 1);
		}

	}

	private static final class MutableClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void advance(Duration by) {
			this.offset = this.offset.plus(by);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

	}

}
