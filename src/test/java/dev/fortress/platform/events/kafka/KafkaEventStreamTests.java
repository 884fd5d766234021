package dev.fortress.platform.events.kafka;

import java.io.IOException;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.platform.events.EventMetadata;
import dev.fortress.support.Http;

import dev.fortress.support.IntegrationTest;
import dev.fortress.support.KafkaProcess;
import dev.fortress.support.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out mode's event stream against a real Kafka broker (KRaft, in its own JVM).
 * <ul>
 * <li>The relay: with the broker away while buyers check out, the checkouts succeed,
 * their events wait in the outbox, and once the broker is up every event arrives as a
 * CloudEvent keyed by its order, each order's events in the order they happened.</li>
 * <li>The consumer groups: the workers consume from Kafka and not in process; a duplicate
 * record has one effect; a record that keeps failing is retried, goes to its dead-letter
 * topic without holding up the record behind it, shows up in the dead-letter API and is
 * replayed from there once.</li>
 * </ul>
 */
class KafkaEventStreamTests extends IntegrationTest {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final KafkaProcess kafka = kafka();

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("fortress.kafka.bootstrap", kafka::bootstrap);
		registry.add("fortress.kafka.send-timeout", () -> "2s");
	}

	@AfterAll
	static void stopBroker() throws InterruptedException {
		kafka.close();
	}

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	BeaconConsumer beacons;

	@Autowired
	Clock clock;

	@BeforeEach
	void effectsTable() {
		this.jdbc.sql("create table if not exists probe_effects (key uuid not null, event_id uuid not null)").update();
	}

	@Test
	void aPaidOrderReachesTheWarehouseThroughItsConsumerGroupAndNotInProcess() throws Exception {
		kafka.start();
		Shop shop = new Shop(this.http, loggedIn("ADMIN").accessToken());
		String order = shop.paidOrder(shop.product(5), 1, loggedIn("EDITOR").accessToken()).text("id");

		await().atMost(PATIENCE)
			.until(() -> this.jdbc.sql("select count(*) from shipments where order_id = :order")
				.param("order", UUID.fromString(order))
				.query(Integer.class)
				.single() == 1);
		assertThat(this.jdbc.sql("""
				select count(*) from event_publication
				where serialized_event like :order and listener_id like '%FulfilmentListeners%'
				""").param("order", "%" + order + "%").query(Integer.class).single())
			.as("no in-process delivery to the fulfilment consumer in scale-out mode")
			.isZero();
	}

	@Test
	void aDuplicateRecordHasOneEffect() throws Exception {
		kafka.start();
		UUID key = UUID.randomUUID();
		publish(key, "lane-" + key, "fine");
		await().atMost(PATIENCE).until(() -> this.beacons.effects(key) == 1);

		ConsumerRecord<String, String> record = recordOf("fortress.platform", "lane-" + key);
		try (KafkaProducer<String, String> producer = producer()) {
			producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())).get();
		}
		await().atMost(PATIENCE).until(() -> this.beacons.deliveries(key) == 2);
		assertThat(this.beacons.effects(key)).isEqualTo(1);
	}

	@Test
	void aRecordThatKeepsFailingGoesToItsDeadLetterTopicWithoutHoldingUpTheNextAndIsReplayedOnce() throws Exception {
		// No warm-up: run first, the two records race the topic's creation, and must
		// still
		// reach their partition in the order they were written.
		kafka.start();
		String admin = loggedIn("ADMIN").accessToken();
		UUID poison = UUID.randomUUID();
		UUID next = UUID.randomUUID();
		String lane = "lane-" + poison;
		publish(poison, lane, "poison");
		publish(next, lane, "fine");

		await().atMost(PATIENCE).until(() -> this.beacons.effects(next) == 1);
		assertThat(this.beacons.deliveries(poison)).as("three attempts, the test configuration's").isEqualTo(3);
		JsonNode letter = await().atMost(PATIENCE).until(() -> deadLetter(admin, poison), (found) -> found != null);
		assertThat(letter.get("listener").asString()).isEqualTo("kafka:fortress.platform:fortress.platform");
		assertThat(letter.get("type").asString()).isEqualTo("Beacon");
		assertThat(letter.get("lastError").asString()).contains("is poison");
		assertThat(letter.get("payload").get("data").get("key").asString()).isEqualTo(poison.toString());

		this.beacons.cure(poison);
		String id = letter.get("id").asString();
		Http.Response replayed = this.http.post("/api/v1/admin/dead-letters/" + id + "/replay", "").token(admin).send();
		assertThat(replayed.status()).as(replayed.toString()).isEqualTo(202);
		await().atMost(PATIENCE).until(() -> this.beacons.effects(poison) == 1);
		Http.Response again = this.http.post("/api/v1/admin/dead-letters/" + id + "/replay", "").token(admin).send();
		assertThat(again.status()).as(again.toString()).isEqualTo(202);
		assertThat(deadLetter(admin, poison)).as("a replayed letter leaves the list").isNull();
		assertThat(this.jdbc.sql("select count(*) from kafka_outbox where payload like :key")
			.param("key", "%" + poison + "%")
			.query(Integer.class)
			.single()).as("the second replay puts nothing back").isZero();
		assertThat(this.beacons.deliveries(poison)).isEqualTo(4);
		assertThat(this.beacons.effects(poison)).isEqualTo(1);
	}

	@Test
	void aRecordThatIsNotACloudEventGoesToTheDeadLettersAtOnceAndHoldsUpNothing() throws Exception {
		streamFlows();
		String admin = loggedIn("ADMIN").accessToken();
		String marker = "not json " + UUID.randomUUID();
		UUID next = UUID.randomUUID();
		try (KafkaProducer<String, String> producer = producer()) {
			producer.send(new ProducerRecord<>("fortress.platform", "lane-" + next, marker)).get();
		}
		publish(next, "lane-" + next, "fine");

		await().atMost(PATIENCE).until(() -> this.beacons.effects(next) == 1);
		JsonNode letter = await().atMost(PATIENCE)
			.until(() -> deadLetterContaining(admin, marker), (found) -> found != null);
		assertThat(letter.get("type").asString()).isEqualTo("unreadable");
		assertThat(letter.get("attempts").asInt()).as("not retried").isEqualTo(1);
		assertThat(letter.get("payload").asString()).as("kept, as a JSON string").isEqualTo(marker);
		assertThat(letter.get("lastError").asString()).contains("UnreadableRecord", "not JSON");
	}

	@Test
	void checkoutsWhileKafkaIsAwaySucceedAndEveryEventArrivesInOrderPerOrderOnceItIsBack() throws Exception {
		kafka.stop();
		Shop shop = new Shop(this.http, loggedIn("ADMIN").accessToken());
		String sku = shop.product(20);
		List<String> orders = new ArrayList<>();
		buy(shop, sku, 6, orders);
		assertThat(waiting(orders)).as("events wait in the outbox while Kafka is away").isEqualTo(12);

		kafka.start();
		await().atMost(Duration.ofSeconds(60)).until(() -> waiting(orders) == 0);

		kafka.stop();
		buy(shop, sku, 3, orders);
		assertThat(waiting(orders)).as("and again while it is stopped").isEqualTo(6);
		kafka.start();
		await().atMost(Duration.ofSeconds(60)).until(() -> waiting(orders) == 0);

		Map<String, List<JsonNode>> byOrder = new HashMap<>();
		try (KafkaConsumer<String, String> consumer = consumer()) {
			consumer.subscribe(List.of("fortress.orders"));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					JsonNode event = JSON.readTree(record.value());
					assertThat(record.key()).isEqualTo(event.get("subject").asText());
					assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
						.isEqualTo("application/cloudevents+json");
					byOrder.computeIfAbsent(record.key(), (key) -> new ArrayList<>()).add(event);
				}
				return orders.stream().allMatch((id) -> byOrder.getOrDefault(id, List.of()).size() >= 2);
			});
		}
		for (String order : orders) {
			List<JsonNode> events = byOrder.get(order);
			assertThat(events).extracting((event) -> event.get("type").asText())
				.containsExactly("dev.fortress.orders.OrderPlaced", "dev.fortress.orders.OrderPaid");
			JsonNode placed = events.get(0);
			assertThat(placed.get("specversion").asText()).isEqualTo("1.0");
			assertThat(placed.get("source").asText()).isEqualTo("/fortress");
			assertThat(UUID.fromString(placed.get("id").asText())).isNotNull();
			assertThat(placed.get("time").asText()).isNotBlank();
			assertThat(placed.get("requestid").asText()).isNotBlank();
			assertThat(placed.get("data").get("orderId").asText()).isEqualTo(order);
			assertThat(placed.get("data").get("metadata").get("id").asText()).isEqualTo(placed.get("id").asText());
		}
	}

	/**
	 * Starts the broker and waits until a beacon goes all the way through, so what a test
	 * publishes next does not race the broker's first seconds (topic creation, the
	 * group's first assignment).
	 */
	private void streamFlows() throws Exception {
		kafka.start();
		UUID probe = UUID.randomUUID();
		publish(probe, "lane-" + probe, "fine");
		await().atMost(PATIENCE).until(() -> this.beacons.effects(probe) == 1);
	}

	private void publish(UUID key, String lane, String behaviour) {
		this.transactions.executeWithoutResult(
				(status) -> this.events.publishEvent(new Beacon(key, lane, behaviour, EventMetadata.now(this.clock))));
	}

	private JsonNode deadLetter(String admin, UUID key) {
		return deadLetterContaining(admin, key.toString());
	}

	private JsonNode deadLetterContaining(String admin, String text) {
		JsonNode items = this.http.get("/api/v1/admin/dead-letters?limit=100").token(admin).send().json().get("items");
		for (JsonNode item : items) {
			if (item.get("payload").toString().contains(text)) {
				return item;
			}
		}
		return null;
	}

	private static ConsumerRecord<String, String> recordOf(String topic, String key) {
		try (KafkaConsumer<String, String> consumer = consumer()) {
			consumer.subscribe(List.of(topic));
			List<ConsumerRecord<String, String>> found = new ArrayList<>();
			await().atMost(PATIENCE).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> {
					if (key.equals(record.key())) {
						found.add(record);
					}
				});
				return !found.isEmpty();
			});
			return found.get(0);
		}
	}

	private static KafkaProducer<String, String> producer() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		return new KafkaProducer<>(config);
	}

	private void buy(Shop shop, String sku, int buyers, List<String> orders) {
		for (int i = 0; i < buyers; i++) {
			orders.add(shop.paidOrder(sku, 1, loggedIn("EDITOR").accessToken()).text("id"));
		}
	}

	private int waiting(List<String> orders) {
		return this.jdbc.sql("select count(*) from kafka_outbox where key in (:orders)")
			.param("orders", orders)
			.query(Integer.class)
			.single();
	}

	private static KafkaConsumer<String, String> consumer() {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		return new KafkaConsumer<>(config);
	}

	private static KafkaProcess kafka() {
		try {
			return new KafkaProcess();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
