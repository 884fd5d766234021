package dev.fortress.platform.events.kafka;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.jspecify.annotations.Nullable;

import dev.fortress.platform.events.DomainEvent;

/**
 * A domain event as a CloudEvent 1.0 in the structured JSON format
 * ({@code application/cloudevents+json}): the event's own id, its class name as the type,
 * the aggregate it concerns as the subject, and the request id and W3C trace context of
 * the request that caused it as extension attributes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CloudEvent(String specversion, String id, String source, String type, Instant time, String subject,
		String datacontenttype, @Nullable String traceparent, @Nullable String requestid, @JsonRawValue String data) {

	static final String CONTENT_TYPE = "application/cloudevents+json";

	static CloudEvent of(DomainEvent event, String source, String json) {
		return new CloudEvent("1.0", event.metadata().id().toString(), source, event.getClass().getName(),
				event.metadata().occurredAt(), event.aggregateId(), "application/json",
				event.metadata().origin().traceparent(), event.metadata().origin().requestId(), json);
	}

}
