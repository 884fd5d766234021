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
 * @param consumers how the consumer groups retry a record before its dead-letter topic
 */
@ConfigurationProperties("fortress.kafka")
record KafkaRelayProperties(String bootstrap, String topicPrefix, String source, Duration interval, int batch,
		Duration sendTimeout, Consumers consumers) {

	boolean enabled() {
		return this.bootstrap != null && !this.bootstrap.isBlank();
	}

	/**
	 * The consumer groups of scale-out mode.
	 *
	 * @param attempts deliveries of one record before it goes to {@code <topic>.DLT}
	 * @param backoff the wait after the first failure, doubled after each further one (at
	 * most 10 s)
	 * @param concurrency consumer threads per group in each instance
	 */
	record Consumers(int attempts, Duration backoff, int concurrency) {

	}

}
