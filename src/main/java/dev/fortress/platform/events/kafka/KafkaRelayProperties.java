package dev.fortress.platform.events.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The relay of domain events to Kafka ({@code fortress.kafka.*}); on only when
 * {@code bootstrap} is set.
 *
 * @param bootstrap the brokers ({@code FORTRESS_KAFKA_BOOTSTRAP}), e.g.
 * {@code kafka:9092}
 * @param topicPrefix each module's events go to {@code <prefix><module>}, e.g.
 * {@code fortress.orders}
 * @param source the CloudEvents {@code source} of every event
 * @param interval how often the relay looks for unsent events
 * @param batch at most this many events per round
 * @param sendTimeout how long one round waits for the brokers' acknowledgements
 */
@ConfigurationProperties("fortress.kafka")
record KafkaRelayProperties(String bootstrap, String topicPrefix, String source, Duration interval, int batch,
		Duration sendTimeout) {

	boolean enabled() {
		return this.bootstrap != null && !this.bootstrap.isBlank();
	}

}
