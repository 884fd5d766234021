package dev.fortress.platform.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One cache's entries in Redis, shared by every instance:
 * {@code fortress:cache:<name>:<key>} holds {@code v<json>} for a value, {@code n} for
 * "no such item", or {@code t<random>}, the tombstone an invalidation leaves. A loader
 * writes what it read only if the key still holds what it saw before reading the database
 * (one Lua script, so the check and the write are atomic): a load that overlapped an
 * invalidation saw the old entry or none, finds the tombstone instead, and writes
 * nothing. Values that do not decode (an instance of another version wrote them) are
 * treated as missing and overwritten.
 */
final class SharedLevel<V> {

	private static final String WRITE_IF_UNCHANGED = """
			local current = redis.call('GET', KEYS[1])
			if (current == false and ARGV[1] == '') or current == ARGV[1] then
			  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
			  return 1
			end
			return 0
			""";

	private final Redis redis;

	private final String prefix;

	private final Class<V> type;

	private final JsonMapper json;

	private final Counter hits;

	private final Counter misses;

	private final Counter unavailable;

	SharedLevel(Redis redis, String cacheName, Class<V> type, JsonMapper json, MeterRegistry meters) {
		this.redis = redis;
		this.prefix = "fortress:cache:" + cacheName + ":";
		this.type = type;
		this.json = json;
		this.hits = counter(meters, cacheName, "hit");
		this.misses = counter(meters, cacheName, "miss");
		this.unavailable = counter(meters, cacheName, "unavailable");
	}

	private static Counter counter(MeterRegistry meters, String cacheName, String result) {
		return Counter.builder("fortress.cache.shared.gets")
			.description("Lookups in Redis after a miss in memory")
			.tag("cache", cacheName)
			.tag("result", result)
			.register(meters);
	}

	Lookup<V> read(String key) {
		Redis.Reply<String> reply = this.redis.call(commands -> commands.get(this.prefix + key));
		if (reply == null) {
			this.unavailable.increment();
			return new Unavailable<>();
		}
		String raw = reply.value();
		if (raw == null) {
			this.misses.increment();
			return new Missing<>("");
		}
		if (raw.equals("n")) {
			this.hits.increment();
			return new Found<>(Optional.empty());
		}
		if (raw.startsWith("v")) {
			try {
				V value = this.json.readValue(raw.substring(1), this.type);
				this.hits.increment();
				return new Found<>(Optional.of(value));
			}
			catch (JacksonException ex) {
				// written by another version of the application: read it again
			}
		}
		this.misses.increment();
		return new Missing<>(raw);
	}

	void writeIfUnchanged(String key, String seen, Optional<V> value, Duration ttl) {
		if (ttl.toMillis() < 1) {
			return;
		}
		String encoded = value.map(v -> "v" + this.json.writeValueAsString(v)).orElse("n");
		this.redis.send(commands -> commands.eval(WRITE_IF_UNCHANGED, ScriptOutputType.INTEGER,
				new String[] { this.prefix + key }, seen, encoded, String.valueOf(ttl.toMillis())));
	}

	void tombstone(String key, Duration ttl) {
		String tombstone = "t" + UUID.randomUUID();
		this.redis.send(commands -> commands.set(this.prefix + key, tombstone,
				SetArgs.Builder.px(Math.max(1, ttl.toMillis()))));
	}

	sealed interface Lookup<V> permits Found, Missing, Unavailable {

	}

	/** Redis holds the value, or the knowledge that there is none. */
	record Found<V>(Optional<V> value) implements Lookup<V> {
	}

	/**
	 * Redis holds nothing usable; {@code seen} is what it held ({@code ""} for nothing),
	 * the condition of the write that follows the load.
	 */
	record Missing<V>(String seen) implements Lookup<V> {
	}

	/** Redis was not asked (breaker open) or did not answer: load, and write nothing. */
	record Unavailable<V>() implements Lookup<V> {
	}

}
