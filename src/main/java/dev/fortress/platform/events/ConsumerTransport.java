package dev.fortress.platform.events;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells whether {@link EventConsumer}s run in process (the embedded default) or from
 * Kafka (scale-out mode, {@code FORTRESS_KAFKA_BOOTSTRAP} set). Read by the condition of
 * every {@link EventConsumer}: in scale-out mode the registry stores no in-process
 * delivery for them, so each event is consumed through Kafka alone.
 */
@Component("consumerTransport")
public class ConsumerTransport {

	private final boolean kafka;

	ConsumerTransport(@Value("${fortress.kafka.bootstrap:}") String bootstrap) {
		this.kafka = !bootstrap.isBlank();
	}

	public boolean inProcess() {
		return !this.kafka;
	}

}
