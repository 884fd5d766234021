package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.StockLedger;

/**
 * One batch of one hot key in one transaction: lock the drop row (or the SKU's stock row)
 * once, grant requests in arrival order while units last (checking the customers' limits
 * in one JDBC batch per round), take the granted total in one update, insert every
 * granted order with its idempotency link and event (a JDBC batch per table; a free order
 * paid and its key completed in the same transaction), commit. Requests are completed
 * only after the commit, so a {@code 201} always means the order and its event are
 * durable.
 */
class BatchTransaction implements BatchWriter.BatchRunner {

	private final StockLedger ledger;

	private final OrderPlacement placement;

	private final TransactionTemplate transactions;

	private final KnownSoldOut soldOut;

	private final Idempotency idempotency;

	private final Clock clock;

	private final DistributionSummary batchSizes;

	BatchTransaction(StockLedger ledger, OrderPlacement placement, TransactionTemplate transactions,
			KnownSoldOut soldOut, Idempotency idempotency, Clock clock, MeterRegistry meters) {
		this.ledger = ledger;
		this.placement = placement;
		this.transactions = transactions;
		this.soldOut = soldOut;
		this.idempotency = idempotency;
		this.clock = clock;
		this.batchSizes = DistributionSummary.builder("fortress.inventory.batch.size")
			.description("Checkout requests served by one batched reservation transaction")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
	}

	@Override
	public void run(String key, List<BatchWriter.Request> batch) {
		this.batchSizes.record(batch.size());
		Map<BatchWriter.Request, Reservation> outcomes = new HashMap<>();
		long soldOutGeneration = this.soldOut.generation();
		boolean empty = Boolean.TRUE.equals(this.transactions.execute(status -> {
			outcomes.clear();
			return grant(batch, outcomes);
		}));
		if (empty) {
			this.soldOut.remember(key, soldOutGeneration);
		}
		batch.forEach(request -> request.done().complete(outcomes.get(request)));
	}

	/** Decides every request's outcome; returns whether the key is empty afterwards. */
	private boolean grant(List<BatchWriter.Request> batch, Map<BatchWriter.Request, Reservation> outcomes) {
		Instant now = this.clock.instant();
		OrderDraft first = batch.get(0).draft();
		String sku = first.lines().get(0).sku();
		DropState drop = first.drop() == null ? null : this.ledger.lockDrop(first.drop().id()).orElseThrow();
		int budget = drop != null ? drop.remaining() : this.ledger.lockAvailable(sku).orElse(0);
		// Checked first and under lock, so placing cannot fail and spoil the batch.
		Set<Idempotency.Held> held = this.idempotency
			.stillHeld(batch.stream().map(request -> request.draft().key()).toList());
		List<BatchWriter.Request> candidates = new ArrayList<>(batch.size());
		for (BatchWriter.Request request : batch) {
			if (!held.contains(request.draft().key())) {
				outcomes.put(request, new Reservation.KeyTakenOver());
			}
			else if (drop != null && !drop.isOpenAt(now)) {
				outcomes.put(request, new Reservation.NotLive(now.isBefore(drop.startsAt())));
			}
			else {
				candidates.add(request);
			}
		}
		List<BatchWriter.Request> granted = new ArrayList<>(candidates.size());
		int total = 0;
		int next = 0;
		while (next < candidates.size()) {
			// In arrival order, the requests the units left can serve if every one of
			// them is within its customer's limit: their purchases are counted in one
			// batch. A refusal gives its units back to the requests after it, so the
			// round ends before the first request that does not fit.
			List<BatchWriter.Request> round = new ArrayList<>();
			int units = 0;
			while (next < candidates.size() && units + candidates.get(next).draft().quantity() <= budget) {
				units += candidates.get(next).draft().quantity();
				round.add(candidates.get(next++));
			}
			if (round.isEmpty()) {
				BatchWriter.Request request = candidates.get(next++);
				outcomes.put(request, new Reservation.SoldOut(request.draft().dropId(), sku));
				continue;
			}
			boolean[] counted = countPurchases(drop, round);
			for (int i = 0; i < round.size(); i++) {
				BatchWriter.Request request = round.get(i);
				if (counted[i]) {
					budget -= request.draft().quantity();
					total += request.draft().quantity();
					granted.add(request);
				}
				else {
					outcomes.put(request, new Reservation.LimitReached(drop.perCustomerLimit()));
				}
			}
		}
		take(drop, sku, total);
		if (!granted.isEmpty()) {
			List<Order> placed = this.placement.placeAll(granted.stream().map(BatchWriter.Request::draft).toList())
				.orElseThrow(() -> new IllegalStateException("A key held under lock was taken over"));
			for (int i = 0; i < granted.size(); i++) {
				outcomes.put(granted.get(i), new Reservation.Placed(placed.get(i)));
			}
		}
		return budget == 0;
	}

	/** Whether each request's purchase was counted (always, for a SKU without a drop). */
	private boolean[] countPurchases(@Nullable DropState drop, List<BatchWriter.Request> round) {
		boolean[] counted = new boolean[round.size()];
		if (drop == null) {
			Arrays.fill(counted, true);
			return counted;
		}
		return this.ledger.tryCountPurchases(drop.id(),
				round.stream()
					.map(request -> new StockLedger.Purchase(request.draft().userId(), request.draft().quantity()))
					.toList(),
				drop.perCustomerLimit());
	}

	private void take(@Nullable DropState drop, String sku, int total) {
		if (total > 0 && drop != null) {
			this.ledger.takeFromDrop(drop.id(), total);
		}
		else if (total > 0) {
			this.ledger.reserve(sku, total);
		}
	}

}
