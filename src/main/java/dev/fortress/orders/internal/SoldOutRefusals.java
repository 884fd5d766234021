package dev.fortress.orders.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.fortress.inventory.InventoryApi;

/**
 * Checkout's sold-out fast path: once a drop is known to be empty ({@link KnownSoldOut}),
 * a well-formed request for it is answered {@code 409 sold-out} before any write. The
 * answer is not stored with the Idempotency-Key: it changed nothing, and a retry with the
 * same key is refused again (or buys, if units came back). What must not change is that a
 * key which already holds an answer replays it, so the key is looked up first (one
 * primary-key read): a key that exists takes the full checkout path, which replays its
 * answer, refuses another body with {@code 422}, or reports it in use. See docs/adr/0036.
 */
@Component
class SoldOutRefusals {

	private final KnownSoldOut soldOut;

	private final IdempotencyKeys keys;

	private final InventoryApi inventory;

	private final Counter refused;

	private final CheckoutAttemptCounter attempts;

	/** Drops whose memory one caller is checking again right now. */
	private final Map<UUID, Boolean> rechecking = new ConcurrentHashMap<>();

	SoldOutRefusals(KnownSoldOut soldOut, IdempotencyKeys keys, InventoryApi inventory, MeterRegistry meters,
			CheckoutAttemptCounter attempts) {
		this.attempts = attempts;
		this.soldOut = soldOut;
		this.keys = keys;
		this.inventory = inventory;
		this.refused = Counter.builder("fortress.orders.sold-out.fast")
			.description("Checkout requests for an empty drop answered from memory, without a write")
			.register(meters);
	}

	/**
	 * Throws {@code 409 sold-out} (or {@code 400} for a malformed request) when the drop
	 * is known to be empty and the key holds nothing; returns when the full checkout path
	 * must decide.
	 */
	void refuseIfKnownEmpty(UUID userId, String key, PlaceOrder command) {
		UUID dropId = command.dropId();
		if (dropId == null) {
			return;
		}
		String dropKey = KnownSoldOut.dropKey(dropId);
		if (!this.soldOut.isSoldOut(dropKey)) {
			return;
		}
		if (this.soldOut.isDueForRecheck(dropKey)) {
			recheck(dropId, dropKey);
		}
		OrderDrafting.checkDropRequest(command);
		if (this.keys.exists(userId, key)) {
			return;
		}
		this.refused.increment();
		this.attempts.count(dropId);
		throw CheckoutProblems.dropSoldOut();
	}

	/**
	 * One caller at a time reads the drop again and, if it is still empty, remembers it
	 * for another TTL; every other caller is answered from memory meanwhile. The memory
	 * is only ever renewed by a read of the database, so another instance's units are
	 * still seen within the TTL. If units came back, the entry simply runs out.
	 */
	private void recheck(UUID dropId, String dropKey) {
		if (this.rechecking.putIfAbsent(dropId, Boolean.TRUE) != null) {
			return;
		}
		try {
			long generation = this.soldOut.generation();
			if (this.inventory.findDrop(dropId).map(drop -> drop.remaining() == 0).orElse(false)) {
				this.soldOut.remember(dropKey, generation);
			}
		}
		finally {
			this.rechecking.remove(dropId);
		}
	}

}
