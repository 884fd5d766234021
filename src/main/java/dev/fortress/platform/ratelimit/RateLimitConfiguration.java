package dev.fortress.platform.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fortress.platform.redis.RedisLink;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	/**
	 * Buckets in Redis when {@code FORTRESS_REDIS_URL} is set (shared by every instance),
	 * in this instance's memory otherwise.
	 */
	@Bean
	@ConditionalOnMissingBean
	RateLimiter rateLimiter(ObjectProvider<RedisLink> redis, MeterRegistry meters) {
		RedisLink link = redis.getIfAvailable();
		return link != null ? new RedisRateLimiter(link, meters) : new LocalRateLimiter();
	}

}
