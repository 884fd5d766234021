package dev.fortress.orders.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.fortress.inventory.StockReplenished;

/**
 * The batched strategy's sold-out fast path: hot keys (a drop, a SKU) known to be empty
 * are answered {@code 409} from memory. An entry is forgotten when stock comes back in
 * this instance (restock, released or cancelled orders), and in any case after a short
 * time, which bounds how stale another instance's memory can be.
 */
@Component
class KnownSoldOut {

	private final Map<String, Long> until = new ConcurrentHashMap<>();

	private final long ttlNanos;

	/** Counts {@link #forgetAll()} calls, so a stale "empty" is never remembered. */
	private final AtomicLong generation = new AtomicLong();

	KnownSoldOut(InventoryProperties properties) {
		this.ttlNanos = properties.soldOutTtl().toNanos();
	}

	boolean isSoldOut(String key) {
		Long deadline = this.until.get(key);
		if (deadline == null) {
			return false;
		}
		if (System.nanoTime() - deadline < 0) {
			return true;
		}
		this.until.remove(key, deadline);
		return false;
	}

	/**
	 * Taken before the transaction that reads the stock; {@link #remember} needs it.
	 */
	long generation() {
		return this.generation.get();
	}

	/**
	 * Remembers the key as empty, unless units came back since {@code seenGeneration}: a
	 * restock or release that commits while the batch runs forgets everything before the
	 * batch gets here, and remembering the batch's "empty" afterwards would answer sold
	 * out with stock on the shelf.
	 */
	void remember(String key, long seenGeneration) {
		Long deadline = System.nanoTime() + this.ttlNanos;
		this.until.put(key, deadline);
		if (this.generation.get() != seenGeneration) {
			this.until.remove(key, deadline);
		}
	}

	/** Units came back somewhere: forget everything (cheap, and never wrong). */
	void forgetAll() {
		this.generation.incrementAndGet();
		this.until.clear();
	}

	@TransactionalEventListener
	void on(StockReplenished event) {
		forgetAll();
	}

}
