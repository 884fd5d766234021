package dev.fortress.realtime.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import dev.fortress.platform.redis.RedisLink;

/**
 * Presence shared by every instance: per user two keys that expire after the grace
 * period, {@code fortress:presence:<id>} (connected somewhere) and
 * {@code fortress:presence:<id>:active}; every instance refreshes the keys of the users
 * it holds. Reads merge in this instance's own marks, so its users are right even while
 * Redis is away (the others are then unknown: offline).
 */
final class RedisPresence implements PresenceBoard {

	private static final byte[] MARK = "1".getBytes(StandardCharsets.US_ASCII);

	private final RedisLink redis;

	private final LocalPresence local;

	RedisPresence(RedisLink redis, LocalPresence local) {
		this.redis = redis;
		this.local = local;
	}

	@Override
	public void mark(UUID userId, boolean active, Duration grace) {
		this.local.mark(userId, active, grace);
		StatefulRedisConnection<String, byte[]> connection = this.redis.connection();
		if (connection == null || !this.redis.mayCall()) {
			return;
		}
		try {
			RedisCommands<String, byte[]> commands = connection.sync();
			SetArgs expiry = SetArgs.Builder.px(grace.toMillis());
			commands.set(key(userId), MARK, expiry);
			if (active) {
				commands.set(key(userId) + ":active", MARK, expiry);
			}
			this.redis.succeeded();
		}
		catch (RuntimeException ex) {
			this.redis.failed(ex);
		}
	}

	@Override
	public Map<UUID, PresenceStatus> present(Collection<UUID> userIds) {
		Map<UUID, PresenceStatus> present = this.local.present(userIds);
		StatefulRedisConnection<String, byte[]> connection = this.redis.connection();
		if (userIds.isEmpty() || connection == null || !this.redis.mayCall()) {
			return present;
		}
		List<UUID> ids = List.copyOf(userIds);
		List<String> keys = new ArrayList<>(ids.size() * 2);
		ids.forEach(id -> {
			keys.add(key(id));
			keys.add(key(id) + ":active");
		});
		try {
			List<KeyValue<String, byte[]>> values = connection.sync().mget(keys.toArray(String[]::new));
			this.redis.succeeded();
			for (int i = 0; i < ids.size(); i++) {
				boolean seen = values.get(2 * i).hasValue();
				boolean active = values.get(2 * i + 1).hasValue();
				if (active) {
					present.put(ids.get(i), PresenceStatus.ONLINE);
				}
				else if (seen) {
					present.putIfAbsent(ids.get(i), PresenceStatus.AWAY);
				}
			}
		}
		catch (RuntimeException ex) {
			this.redis.failed(ex);
		}
		return present;
	}

	private static String key(UUID userId) {
		return "fortress:presence:" + userId;
	}

}
