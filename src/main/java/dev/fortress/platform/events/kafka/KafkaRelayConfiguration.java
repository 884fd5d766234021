package dev.fortress.platform.events.kafka;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.platform.events.EventScope;

/**
 * Scale-out mode's event stream: with {@code FORTRESS_KAFKA_BOOTSTRAP} set, every domain
 * event also goes to Kafka through the {@link KafkaOutbox} and the {@link KafkaRelay},
 * and the workers' {@link dev.fortress.platform.events.EventConsumer}s read it in
 * consumer groups ({@link KafkaConsumers}) instead of in process.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaRelayProperties.class)
@ConditionalOnExpression("!'${fortress.kafka.bootstrap:}'.isBlank()")
class KafkaRelayConfiguration {

	@Bean
	KafkaOutbox kafkaOutbox(JdbcClient jdbc, JsonMapper json, KafkaRelayProperties properties) {
		return new KafkaOutbox(jdbc, json, properties);
	}

	/**
	 * An idempotent producer ({@code acks=all}): a retried send does not duplicate a
	 * record nor reorder a partition. Short blocking and delivery timeouts: the relay is
	 * the only caller, and a round gives up quickly while the brokers are away.
	 */
	@Bean
	KafkaTemplate<String, String> relayKafkaTemplate(KafkaRelayProperties properties) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrap());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		long timeout = properties.sendTimeout().toMillis();
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout + 5);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "fortress-relay");
		KafkaTemplate<String, String> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
		// The relay logs a failed round once; the default listener logs every record's
		// payload.
		template.setProducerListener(new ProducerListener<>() {
		});
		return template;
	}

	@Bean
	KafkaRelay kafkaRelay(JdbcClient jdbc, TransactionTemplate transactions,
			KafkaTemplate<String, String> relayKafkaTemplate, KafkaRelayProperties properties, Clock clock) {
		return new KafkaRelay(jdbc, transactions, relayKafkaTemplate, properties, clock);
	}

	@Bean
	KafkaConsumers kafkaConsumers(ApplicationContext context, KafkaRelayProperties properties,
			KafkaTemplate<String, String> relayKafkaTemplate, JdbcClient jdbc, JsonMapper json,
			TransactionTemplate transactions, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
			Clock clock, MeterRegistry meters) {
		return new KafkaConsumers(context, properties, relayKafkaTemplate, jdbc, json, transactions,
				new EventScope(tracer, propagator), clock, meters);
	}

	/**
	 * Events written but not yet in Kafka, and the age of the oldest: the relay's lag.
	 */
	@Bean
	MeterBinder kafkaOutboxGauges(JdbcClient jdbc) {
		return (registry) -> {
			Gauge
				.builder("fortress.events.kafka.unsent", jdbc,
						(db) -> db.sql("select count(*) from kafka_outbox").query(Long.class).single())
				.description("Events written to the Kafka outbox and not acknowledged by Kafka yet")
				.register(registry);
			Gauge
				.builder("fortress.events.kafka.oldest.unsent", jdbc,
						(db) -> db
							.sql("select coalesce(extract(epoch from now() - min(created_at)), 0) from kafka_outbox")
							.query(Double.class)
							.single())
				.description("Age of the oldest event not yet in Kafka")
				.baseUnit("seconds")
				.register(registry);
		};
	}

}
