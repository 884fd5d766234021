package dev.fortress.platform.events;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * What an operator does with dead letters: replay one or all (the replayed deliveries run
 * now, after the replay committed) and purge.
 */
@Component
public class EventAdministration {

	private final DeadLetters deadLetters;

	private final EventRedelivery redelivery;

	EventAdministration(DeadLetters deadLetters, EventRedelivery redelivery) {
		this.deadLetters = deadLetters;
		this.redelivery = redelivery;
	}

	/**
	 * @return false if there is no such dead letter
	 */
	public boolean replay(UUID id) {
		if (this.deadLetters.find(id).isEmpty()) {
			return false;
		}
		this.deadLetters.replay(id).ifPresent((publication) -> this.redelivery.resubmitNow(List.of(publication)));
		return true;
	}

	/**
	 * @return how many dead letters were put back
	 */
	public int replayAll() {
		List<UUID> publications = this.deadLetters.replayAll();
		this.redelivery.resubmitNow(publications);
		return publications.size();
	}

	public boolean delete(UUID id) {
		return this.deadLetters.delete(id);
	}

}
