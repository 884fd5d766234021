package dev.fortress.platform.events.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;

import dev.fortress.platform.events.EventConsumer;
import dev.fortress.platform.events.EventScope;

/**
 * Scale-out mode's consumers. At start-up every module with {@link EventConsumer} methods
 * gets a Kafka consumer group ({@code fortress.<module>}) reading the topics of the
 * events it consumes; every instance joins every group, so Kafka spreads the partitions
 * over the instances and each record is processed by one of them. A record that fails is
 * retried with exponential backoff ({@code fortress.kafka.consumers.*}), then published
 * to {@code <topic>.DLT}; one more group ({@code fortress.dead-letters}) files those as
 * dead letters. The retries of one record hold up its partition for a few seconds at
 * most, never for good.
 */
class KafkaConsumers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KafkaConsumers.class);

	private static final java.time.Duration TOPIC_RETRY = java.time.Duration.ofSeconds(5);

	private final ApplicationContext context;

	private final KafkaRelayProperties properties;

	private final KafkaTemplate<String, String> kafka;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	private final EventScope scope;

	private final java.time.Clock clock;

	private final MeterRegistry meters;

	private final List<ConcurrentMessageListenerContainer<String, String>> containers = new ArrayList<>();

	private boolean running;

	KafkaConsumers(ApplicationContext context, KafkaRelayProperties properties, KafkaTemplate<String, String> kafka,
			JdbcClient jdbc, JsonMapper json, TransactionTemplate transactions, EventScope scope, java.time.Clock clock,
			MeterRegistry meters) {
		this.context = context;
		this.meters = meters;
		this.properties = properties;
		this.kafka = kafka;
		this.jdbc = jdbc;
		this.json = json;
		this.transactions = transactions;
		this.scope = scope;
		this.clock = clock;
	}

	/**
	 * Starts the groups once their topics exist, from a background thread that creates
	 * the topics and tries again every few seconds while the brokers do not answer (a
	 * group that subscribed before its topics existed may not be given their partitions
	 * until its next rebalance). Start-up of the application never waits for Kafka.
	 */
	@Override
	public synchronized void start() {
		this.running = true;
		ConsumerMethods methods = ConsumerMethods.of(this.context, this.properties.topicPrefix());
		Thread starter = new Thread(() -> {
			while (isRunning() && !createTopics(methods.topics())) {
				try {
					Thread.sleep(TOPIC_RETRY.toMillis());
				}
				catch (InterruptedException ex) {
					return;
				}
			}
			synchronized (this) {
				if (this.running) {
					startGroups(methods);
				}
			}
		}, "kafka-consumers-start");
		starter.setDaemon(true);
		starter.start();
	}

	private void startGroups(ConsumerMethods methods) {
		methods.byGroup().forEach((group, groupMethods) -> {
			String[] topics = groupMethods.stream().map((method) -> method.topic()).distinct().toArray(String[]::new);
			Counter consumed = Counter.builder("fortress.events.kafka.consumed")
				.description("Events this instance's consumers of the group processed from Kafka")
				.tag("group", group)
				.register(this.meters);
			start(group, topics, new GroupListener(groupMethods, this.json, this.transactions, this.scope, consumed),
					retryThenDeadLetterTopic());
		});
		String[] deadLetterTopics = methods.topics().stream().map(Topics::deadLetters).toArray(String[]::new);
		if (deadLetterTopics.length > 0) {
			// Filing a dead letter is retried until the database takes it: a letter is
			// never dropped.
			start(this.properties.topicPrefix() + "dead-letters", deadLetterTopics,
					new DeadLetterTopics(this.jdbc, this.json, this.clock, this.properties.consumers().attempts()),
					new DefaultErrorHandler(new FixedBackOff(1000, FixedBackOff.UNLIMITED_ATTEMPTS)));
		}
		log.info("Kafka consumer groups started: {}", methods.byGroup().keySet());
	}

	/**
	 * Creates the topics the groups read and their dead-letter topics, with the brokers'
	 * default partitions, unless they exist.
	 * @return whether they all exist now
	 */
	private boolean createTopics(Set<String> topics) {
		List<NewTopic> newTopics = new ArrayList<>();
		for (String topic : topics) {
			newTopics.add(new NewTopic(topic, Optional.empty(), Optional.empty()));
			newTopics.add(new NewTopic(Topics.deadLetters(topic), Optional.empty(), Optional.empty()));
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.properties.bootstrap(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				5_000))) {
			for (Map.Entry<String, KafkaFuture<Void>> creation : admin.createTopics(newTopics).values().entrySet()) {
				try {
					creation.getValue().get(10, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw ex;
					}
				}
			}
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			log.warn("Kafka does not answer ({}); its consumer groups start once it does", ex.toString());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		return true;
	}

	private void start(String group, String[] topics, MessageListener<String, String> listener,
			CommonErrorHandler errors) {
		ContainerProperties container = new ContainerProperties(topics);
		container.setGroupId(group);
		container.setMessageListener(listener);
		ConcurrentMessageListenerContainer<String, String> consumers = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(consumerConfig()), container);
		consumers.setConcurrency(this.properties.consumers().concurrency());
		consumers.setCommonErrorHandler(errors);
		consumers.setBeanName("kafka-" + group);
		consumers.start();
		this.containers.add(consumers);
	}

	/**
	 * Retries a failing record with exponential backoff, then publishes it to its
	 * dead-letter topic, keyed as before; a record no retry can help goes there at once.
	 */
	private CommonErrorHandler retryThenDeadLetterTopic() {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(this.kafka,
				(record, failure) -> new TopicPartition(Topics.deadLetters(record.topic()), -1));
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(
				this.properties.consumers().attempts() - 1);
		backOff.setInitialInterval(this.properties.consumers().backoff().toMillis());
		backOff.setMultiplier(2);
		backOff.setMaxInterval(10_000);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(GroupListener.UnreadableRecord.class);
		return handler;
	}

	private Map<String, Object> consumerConfig() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.properties.bootstrap());
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		// A group that starts for the first time reads the topic from its beginning:
		// its consumers are idempotent, and nothing written before it joined is missed.
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "fortress-consumer");
		// A topic made after the group started (a dead-letter topic's first record) is
		// read within seconds, not after the default five minutes.
		config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 10_000);
		return config;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.containers.forEach(ConcurrentMessageListenerContainer::stop);
		this.containers.clear();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

}
