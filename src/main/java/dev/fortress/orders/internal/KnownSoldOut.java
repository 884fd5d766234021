package dev.fortress.orders.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.fortress.inventory.StockReplenished;

/**
 * Hot keys (a drop, a SKU) known to be empty, answered {@code 409} from memory: a drop by
 * checkout's sold-out fast path whatever the strategy ({@link SoldOutRefusals}), a single
 * SKU by the batched strategy. An entry is forgotten when stock comes back in this
 * instance (restock, released or cancelled orders), and in any case after a short time,
 * which bounds how stale another instance's memory can be. See docs/adr/0036.
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

	/** The key a drop is remembered under (the batched strategy's hot key). */
	static String dropKey(UUID dropId) {
		return "drop:" + dropId;
	}

	boolean isSoldOut(String key) {
		return nanosLeft(key) > 0;
	}

	/**
	 * Whether the key is remembered as empty, but for less than a quarter of the TTL
	 * more: time for one caller to check it again, so busy keys do not all fall back to
	 * the database at once when their entry ends.
	 */
	boolean isDueForRecheck(String key) {
		long left = nanosLeft(key);
		return left > 0 && left < this.ttlNanos / 4;
	}

	/** How long the key stays remembered as empty; 0 when it is not. */
	private long nanosLeft(String key) {
		Long deadline = this.until.get(key);
		if (deadline == null) {
			return 0;
		}
		long left = deadline - System.nanoTime();
		if (left > 0) {
			return left;
		}
		this.until.remove(key, deadline);
		return 0;
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
