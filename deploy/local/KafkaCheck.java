import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * That the broker of deploy/local/up.sh --kafka takes and hands back a record: creates a
 * topic, produces one record with acks=all and reads it back from the beginning (run by
 * deploy/local/check.sh with the broker's own jars on the class path). The application does
 * not use Kafka yet (FORTRESS_KAFKA_BOOTSTRAP is set but not wired); this shows the broker
 * it will use works. Exits 1 otherwise.
 */
public class KafkaCheck {

	public static void main(String[] args) throws Exception {
		String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
		String topic = "fortress-local-check-" + UUID.randomUUID().toString().substring(0, 8);
		String value = "checked at " + System.currentTimeMillis();
		Map<String, Object> common = Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", 10_000);
		try (Admin admin = Admin.create(common)) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
		}
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
				"acks", "all", "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class))) {
			producer.send(new ProducerRecord<>(topic, "key", value)).get();
		}
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
				"group.id", topic, "auto.offset.reset", "earliest", "key.deserializer", StringDeserializer.class,
				"value.deserializer", StringDeserializer.class))) {
			consumer.subscribe(Set.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (value.equals(record.value())) {
						System.out.println("Kafka (" + bootstrap + "): topic " + topic + " created, one record produced"
								+ " (acks=all) and consumed back");
						return;
					}
				}
			}
		}
		System.out.println("FAIL: Kafka (" + bootstrap + "): the record produced to " + topic + " was not consumed");
		System.exit(1);
	}

}
