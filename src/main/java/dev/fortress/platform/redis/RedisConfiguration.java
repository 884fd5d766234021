package dev.fortress.platform.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fortress.platform.cluster.PeerMessages;

/**
 * With {@code FORTRESS_REDIS_URL}: the link to Redis (shared rate-limit buckets) and the
 * messages between instances over it. Without it neither bean exists and every instance
 * keeps its own state. The application starts whether Redis answers or not: the link
 * connects in the background.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${fortress.redis.url:}'.isBlank()")
class RedisConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);

	@Bean(destroyMethod = "close")
	RedisLink redisLink(RedisSettings settings) {
		log.info("Scale-out: rate limits and sold-out memory shared through Redis at {}",
				settings.urlWithoutPassword());
		return new RedisLink(settings);
	}

	@Bean
	PeerMessages peerMessages(RedisLink redis) {
		return new RedisPeerMessages(redis);
	}

}
