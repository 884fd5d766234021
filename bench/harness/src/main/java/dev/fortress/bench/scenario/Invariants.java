package dev.fortress.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.fortress.bench.load.LoadResult;
import dev.fortress.bench.seed.Database.DropAudit;

/**
 * Compares what buyers were told with what the database holds after a phase, as a
 * Jepsen-style checker would: no oversell, no acknowledged order lost, no order nobody
 * was told about, every order's {@code OrderPlaced} stored, stock that adds up, the
 * per-customer limit kept, and no server error ({@code 503} with {@code Retry-After} is
 * load shedding, allowed where the phase says so).
 */
final class Invariants {

	private Invariants() {
	}

	/**
	 * @param initialOnHand the SKU's units on hand when the phase began, or null when
	 * other phases share the SKU
	 * @param otherAcknowledged orders acknowledged outside the load (a probe's)
	 */
	static List<String> check(DropAudit audit, LoadResult load, Integer initialOnHand, long otherAcknowledged,
			boolean sheddingAllowed) {
		List<String> problems = new ArrayList<>();
		if (audit.liveUnits() > audit.quantity()) {
			problems.add("oversold: " + audit.liveUnits() + " units in live orders from a drop of " + audit.quantity());
		}
		if (audit.sold() != audit.liveUnits()) {
			problems.add("the drop says " + audit.sold() + " sold, live orders hold " + audit.liveUnits());
		}
		if (audit.maxLiveUnitsPerUser() > audit.perCustomerLimit()) {
			problems.add("a buyer holds " + audit.maxLiveUnitsPerUser() + " units over the limit of "
					+ audit.perCustomerLimit());
		}
		long acknowledged = load.totalStartingWith("201") + otherAcknowledged;
		long acknowledgedPaid = load.total("201 PAID");
		// No answer, or a server error other than load shedding: the order may or may not
		// exist (a 503 with Retry-After promises that nothing happened).
		long unknown = load.total("timeout") + load.total("io-error") + load.totalStartingWith("5") - load.total("503");
		long paid = audit.ordersByStatus().getOrDefault("PAID", 0L);
		if (paid < acknowledgedPaid) {
			problems.add((acknowledgedPaid - paid) + " orders answered 201 PAID are not PAID in the database");
		}
		if (audit.orders() < acknowledged) {
			problems.add((acknowledged - audit.orders()) + " acknowledged orders (201) are not in the database");
		}
		if (audit.liveOrders() > acknowledged + unknown) {
			problems.add((audit.liveOrders() - acknowledged - unknown)
					+ " live orders that no buyer was told about (beyond " + unknown + " unknown outcomes)");
		}
		if (audit.ordersWithoutEvent() > 0 || audit.eventsWithoutOrder() > 0) {
			problems.add(audit.ordersWithoutEvent() + " orders without an OrderPlaced event, "
					+ audit.eventsWithoutOrder() + " OrderPlaced events without an order");
		}
		if (initialOnHand != null) {
			// A live drop's unsold units stay set aside on its SKU's stock (reserved),
			// and
			// so do the units of its orders still waiting for their payment.
			long pending = audit.ordersByStatus().getOrDefault("PENDING_PAYMENT", 0L);
			long setAside = audit.remaining() + pending;
			if (audit.stockOnHand() != initialOnHand - paid || audit.stockReserved() != setAside) {
				problems.add("stock is on hand " + audit.stockOnHand() + " / reserved " + audit.stockReserved()
						+ ", expected " + (initialOnHand - paid) + " / " + setAside);
			}
		}
		for (Map.Entry<String, Long> outcome : load.totalOutcomes().entrySet()) {
			String label = outcome.getKey();
			boolean serverError = label.startsWith("5");
			boolean shedding = label.equals("503");
			if (serverError && !(shedding && sheddingAllowed)) {
				problems.add(outcome.getValue() + " × " + label);
			}
		}
		return problems;
	}

}
