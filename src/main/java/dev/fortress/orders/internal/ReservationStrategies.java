package dev.fortress.orders.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.inventory.StockLedger;

/**
 * Builds the three reservation strategies from the same collaborators. The application
 * uses the one {@code FORTRESS_INVENTORY_STRATEGY} names; tests drive each of them
 * against the same database without another application context.
 */
@Component
class ReservationStrategies implements DisposableBean {

	private final StockLedger ledger;

	private final OrderPlacement placement;

	private final TransactionTemplate transactions;

	private final KnownSoldOut soldOut;

	private final Idempotency idempotency;

	private final InventoryProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Map<String, ReservationStrategy> built = new ConcurrentHashMap<>();

	ReservationStrategies(StockLedger ledger, OrderPlacement placement, TransactionTemplate transactions,
			KnownSoldOut soldOut, Idempotency idempotency, InventoryProperties properties, Clock clock,
			MeterRegistry meters) {
		this.ledger = ledger;
		this.placement = placement;
		this.transactions = transactions;
		this.soldOut = soldOut;
		this.idempotency = idempotency;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	ReservationStrategy configured() {
		return named(this.properties.strategy());
	}

	ReservationStrategy named(String name) {
		return this.built.computeIfAbsent(name, this::build);
	}

	private ReservationStrategy build(String name) {
		ConditionalReservation conditional = new ConditionalReservation(this.ledger, this.placement, this.transactions,
				this.clock);
		return switch (name) {
			case "row-lock" -> new RememberingEmptyDrops(
					new RowLockReservation(this.ledger, this.placement, this.transactions, this.clock), this.soldOut);
			case "conditional" -> new RememberingEmptyDrops(conditional, this.soldOut);
			case "batched" -> new BatchedReservation(new BatchTransaction(this.ledger, this.placement,
					this.transactions, this.soldOut, this.idempotency, this.clock, this.meters), conditional,
					this.soldOut, this.properties);
			default -> throw new IllegalArgumentException(
					"fortress.inventory.strategy must be row-lock, conditional or batched, not " + name);
		};
	}

	@Override
	public void destroy() throws Exception {
		for (ReservationStrategy strategy : this.built.values()) {
			if (strategy instanceof DisposableBean disposable) {
				disposable.destroy();
			}
		}
	}

}
