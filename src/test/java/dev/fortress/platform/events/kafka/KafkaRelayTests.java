package dev.fortress.platform.events.kafka;

import java.io.IOException;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fortress.support.IntegrationTest;
import dev.fortress.support.KafkaProcess;
import dev.fortress.support.Shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out mode's event stream against a real Kafka broker (KRaft, in this JVM) that is
 * not there while buyers check out: the checkouts succeed, their events wait in the
 * outbox, and once the broker is up every event arrives as a CloudEvent keyed by its
 * order, each order's events in the order they happened.
 */
class KafkaRelayTests extends IntegrationTest {

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

	@Test
	void checkoutsWhileKafkaIsAwaySucceedAndEveryEventArrivesInOrderPerOrderOnceItIsBack() throws Exception {
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
