package dev.fortress.platform.events.kafka;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventScope;
import dev.fortress.platform.events.kafka.ConsumerMethods.ConsumerMethod;

/**
 * What one consumer group does with a record: reads the CloudEvent, and if the group has
 * consumers for its type, turns its data back into the domain event and calls each
 * consumer in a transaction of its own, inside the event's origin (request id and trace).
 * A record of a type the group does not consume is skipped; a record that cannot be read
 * is refused at once ({@link UnreadableRecord}, not retried); a consumer that throws
 * makes the container retry the record, then send it to the dead-letter topic. The type
 * names a record may carry are those of the consumers' parameters: a record never makes
 * the application load a class it does not consume.
 */
class GroupListener implements MessageListener<String, String> {

	private final Map<String, List<ConsumerMethod>> byType;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	private final EventScope scope;

	private final Counter consumed;

	GroupListener(List<ConsumerMethod> methods, JsonMapper json, TransactionTemplate transactions, EventScope scope,
			Counter consumed) {
		this.consumed = consumed;
		this.byType = methods.stream().collect(Collectors.groupingBy((method) -> method.eventType().getName()));
		this.json = json;
		this.transactions = transactions;
		this.scope = scope;
	}

	@Override
	public void onMessage(ConsumerRecord<String, String> record) {
		JsonNode cloudEvent = read(record);
		List<ConsumerMethod> methods = this.byType.get(cloudEvent.path("type").asString(""));
		if (methods == null) {
			return;
		}
		for (ConsumerMethod method : methods) {
			DomainEvent event = event(cloudEvent, method.eventType());
			try {
				this.scope.call(event, method.name(), () -> {
					this.transactions.executeWithoutResult((status) -> method.invoke(event));
					return null;
				});
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable unchecked) {
				// invoke throws nothing checked
				throw new IllegalStateException(unchecked);
			}
			this.consumed.increment();
		}
	}

	private JsonNode read(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			throw new UnreadableRecord("a record without a value");
		}
		try {
			JsonNode node = this.json.readTree(record.value());
			if (!node.isObject() || !node.path("type").isString() || !node.path("data").isObject()) {
				throw new UnreadableRecord("not a structured CloudEvent with a type and JSON data");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new UnreadableRecord("not JSON: " + ex.getOriginalMessage());
		}
	}

	private DomainEvent event(JsonNode cloudEvent, Class<? extends DomainEvent> type) {
		try {
			return this.json.treeToValue(cloudEvent.get("data"), type);
		}
		catch (JacksonException ex) {
			throw new UnreadableRecord("data is not a " + type.getSimpleName() + ": " + ex.getOriginalMessage());
		}
	}

	/** A record no retry can help: it goes to the dead-letter topic at once. */
	static final class UnreadableRecord extends RuntimeException {

		UnreadableRecord(String message) {
			super(message);
		}

	}

}
