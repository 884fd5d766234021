package dev.fortress.orders.internal;

import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the stock an order needs and inserts the order, in one transaction; any outcome
 * but {@link Reservation.Placed} changes nothing. Selected by
 * {@code FORTRESS_INVENTORY_STRATEGY}; see docs/adr/0021.
 */
interface ReservationStrategy {

	Reservation reserve(OrderDraft draft);

	/**
	 * The configuration name: {@code row-lock}, {@code conditional} or {@code batched}.
	 */
	String name();

	/**
	 * Runs one reservation in a transaction of its own that commits only when it placed
	 * the order: a refusal half-way (the drop taken, the limit reached) rolls back.
	 */
	static Reservation inOneTransaction(TransactionTemplate transactions, Supplier<Reservation> reservation) {
		return transactions.execute(status -> {
			Reservation outcome = reservation.get();
			if (!(outcome instanceof Reservation.Placed)) {
				status.setRollbackOnly();
			}
			return outcome;
		});
	}

}
