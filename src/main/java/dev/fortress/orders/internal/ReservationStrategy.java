package dev.fortress.orders.internal;

/**
 * Takes the stock an order needs and inserts the order, in one transaction, or fails with
 * {@code 409 sold-out} (sold out or drop not live) / {@code 409 conflict} (limit) and
 * changes nothing. Selected by {@code FORTRESS_INVENTORY_STRATEGY}; see docs/adr/0021.
 */
interface ReservationStrategy {

	void reserve(OrderDraft draft);

	/**
	 * The configuration name: {@code row-lock}, {@code conditional} or {@code batched}.
	 */
	String name();

}
