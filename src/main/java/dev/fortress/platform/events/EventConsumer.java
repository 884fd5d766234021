package dev.fortress.platform.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * Marks a method as a worker's consumer of one kind of {@link DomainEvent}: the work that
 * follows a committed change in another module (a shipment, an e-mail, an analytics
 * figure). Where it runs depends on the deployment:
 * <ul>
 * <li>embedded (no {@code FORTRESS_KAFKA_BOOTSTRAP}): an
 * {@link ApplicationModuleListener}, one publication per event in the registry, retried
 * and dead-lettered by it;</li>
 * <li>scale-out (Kafka): not in process at all; the method is called for the event's
 * CloudEvent by the module's Kafka consumer group, in any instance, in a transaction of
 * its own, and a record that keeps failing goes to {@code <topic>.DLT}.</li>
 * </ul>
 * Either way the method must be idempotent (claim the event with
 * {@link ProcessedEvents#firstDelivery}) and declare one parameter, the event.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApplicationModuleListener(condition = "@consumerTransport.inProcess()")
public @interface EventConsumer {

}
