package dev.fortress.platform.events;

/**
 * A fact a module publishes after a change. It is stored in the event publication
 * registry in the transaction of the change (the outbox), delivered to each listener at
 * least once, and carries the {@link EventMetadata} that makes a redelivery recognisable.
 */
public interface DomainEvent {

	EventMetadata metadata();

	/**
	 * The id of the thing that changed (an order, a task, a user): what Kafka keys the
	 * record by, so one aggregate's events stay in order, and what operators search for.
	 */
	String aggregateId();

}
