package dev.fortress.platform.events.web;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.jspecify.annotations.Nullable;

import dev.fortress.platform.events.DeadLetters.DeadLetter;
import dev.fortress.platform.events.EventLog;

/**
 * A dead letter as operators see it: the event's payload (its JSON as stored), the
 * listener that kept failing, the last error and the attempts.
 */
record DeadLetterView(UUID id, String type, String listener, @JsonRawValue String payload, int attempts,
		@Nullable String lastError, Instant publishedAt, @Nullable Instant firstFailureAt,
		@Nullable Instant lastFailureAt, Instant deadSince) {

	static DeadLetterView of(DeadLetter letter) {
		String type = letter.eventType().substring(letter.eventType().lastIndexOf('.') + 1);
		return new DeadLetterView(letter.id(), type, EventLog.listener(letter.listenerId()), letter.serializedEvent(),
				letter.attempts(), letter.lastError(), letter.publicationDate(), letter.firstFailureDate(),
				letter.lastFailureDate(), letter.deadSince());
	}

}
