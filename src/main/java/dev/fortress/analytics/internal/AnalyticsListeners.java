package dev.fortress.analytics.internal;

import org.springframework.stereotype.Component;

import dev.fortress.analytics.internal.AnalyticsLog.Fact;
import dev.fortress.analytics.internal.AnalyticsLog.Type;
import dev.fortress.inventory.DropSoldOut;
import dev.fortress.orders.CheckoutAttempts;
import dev.fortress.orders.OrderCancelled;
import dev.fortress.orders.OrderLine;
import dev.fortress.orders.OrderPaid;
import dev.fortress.orders.OrderPlaced;
import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventConsumer;
import dev.fortress.tasks.TaskChanged;
import dev.fortress.tasks.TaskCreated;

/**
 * Where analytics hears about the other modules. Each listener runs in its own
 * transaction (its own publication, retried, then dead-lettered): it appends the event's
 * facts to the {@link AnalyticsLog} and, only if that was the first delivery, changes the
 * aggregate, so a redelivery or replay counts nothing twice. Events that change no figure
 * (a task edited but not completed) are not logged.
 */
@Component
class AnalyticsListeners {

	private final AnalyticsLog log;

	private final DropAnalytics drops;

	private final ProjectAnalytics projects;

	AnalyticsListeners(AnalyticsLog log, DropAnalytics drops, ProjectAnalytics projects) {
		this.log = log;
		this.drops = drops;
		this.projects = projects;
	}

	@EventConsumer
	void on(OrderPlaced event) {
		int units = event.lines().stream().mapToInt(OrderLine::quantity).sum();
		order(event, Fact.order(Type.ORDER_PLACED, event.orderId(), event.dropId(), units, event.total().amount(),
				event.total().currency()));
	}

	@EventConsumer
	void on(OrderPaid event) {
		order(event, Fact.order(Type.ORDER_PAID, event.orderId(), null, null, null, null));
	}

	@EventConsumer
	void on(OrderCancelled event) {
		order(event, Fact.order(Type.ORDER_CANCELLED, event.orderId(), null, null, null, null));
	}

	@EventConsumer
	void on(CheckoutAttempts event) {
		this.drops.addAttempts(event, Fact.attempts(event.dropId(), event.count()));
	}

	@EventConsumer
	void on(DropSoldOut event) {
		if (this.log.append(event, Fact.soldOut(event.dropId(), event.startsAt()))) {
			this.drops.soldOut(event.dropId(), event.startsAt(), event.metadata().occurredAt());
		}
	}

	@EventConsumer
	void on(TaskCreated event) {
		if (this.log.append(event, Fact.task(Type.TASK_CREATED, event.projectId()))) {
			this.projects.add(event.projectId(), event.metadata().occurredAt(), 1, 0);
		}
	}

	@EventConsumer
	void on(TaskChanged event) {
		if (event.completed() && this.log.append(event, Fact.task(Type.TASK_COMPLETED, event.projectId()))) {
			this.projects.add(event.projectId(), event.metadata().occurredAt(), 0, 1);
		}
	}

	private void order(DomainEvent event, Fact fact) {
		this.drops.apply(event, fact);
	}

}
