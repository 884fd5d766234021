package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.StockLedger;
import dev.fortress.platform.web.ApiException;

/**
 * One batch of one hot key in one transaction: lock the drop and stock rows once, grant
 * requests in arrival order while units last (checking each customer's limit), take the
 * granted total in one update, insert every granted order with its idempotency link and
 * event, commit. Requests are completed only after the commit, so a {@code 201} always
 * means the order and its event are durable.
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
		Map<BatchWriter.Request, ApiException> rejected = new HashMap<>();
		long soldOutGeneration = this.soldOut.generation();
		boolean empty = Boolean.TRUE.equals(this.transactions.execute(status -> {
			rejected.clear();
			return grant(batch, rejected);
		}));
		if (empty) {
			this.soldOut.remember(key, soldOutGeneration);
		}
		for (BatchWriter.Request request : batch) {
			ApiException problem = rejected.get(request);
			if (problem != null) {
				request.done().completeExceptionally(problem);
			}
			else {
				request.done().complete(null);
			}
		}
	}

	/** Returns whether the key is empty afterwards. */
	private boolean grant(List<BatchWriter.Request> batch, Map<BatchWriter.Request, ApiException> rejected) {
		Instant now = this.clock.instant();
		OrderDraft first = batch.get(0).draft();
		String sku = first.lines().get(0).sku();
		DropState drop = null;
		int budget;
		if (first.drop() != null) {
			drop = this.ledger.lockDrop(first.drop().id()).orElseThrow(() -> ApiException.notFound("Drop"));
			budget = drop.remaining();
		}
		else {
			budget = this.ledger.lockAvailable(sku).orElse(0);
		}
		// Checked first and under lock, so place() cannot fail and spoil the batch.
		Set<Idempotency.Held> held = this.idempotency
			.stillHeld(batch.stream().map(request -> request.draft().key()).toList());
		int total = 0;
		List<OrderDraft> granted = new ArrayList<>(batch.size());
		for (BatchWriter.Request request : batch) {
			OrderDraft draft = request.draft();
			int quantity = draft.quantity();
			if (!held.contains(draft.key())) {
				rejected.put(request, Idempotency.takenOver());
			}
			else if (drop != null && !drop.isOpenAt(now)) {
				rejected.put(request, OrderPlacement.notLive(drop, now));
			}
			else if (quantity > budget) {
				rejected.put(request, OrderPlacement.soldOut(drop != null ? "The drop" : sku));
			}
			else if (drop != null
					&& !this.ledger.tryCountPurchase(drop.id(), draft.userId(), quantity, drop.perCustomerLimit())) {
				rejected.put(request, OrderPlacement.limitReached(drop));
			}
			else {
				budget -= quantity;
				total += quantity;
				granted.add(draft);
			}
		}
		if (total > 0 && drop != null) {
			this.ledger.takeFromDrop(drop.id(), total);
		}
		else if (total > 0) {
			this.ledger.reserve(sku, total);
		}
		granted.forEach(this.placement::place);
		return budget == 0;
	}

}
