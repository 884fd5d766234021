package dev.fortress.orders.internal;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.fortress.inventory.StockReplenished;
import dev.fortress.platform.cluster.PeerMessages;

/**
 * Hot keys (a drop, a SKU) known to be empty, answered {@code 409} from memory: a drop by
 * checkout's sold-out fast path whatever the strategy ({@link SoldOutRefusals}), a single
 * SKU by the batched strategy. An entry is forgotten when stock comes back in this
 * instance (restock, released or cancelled orders), and in any case after a short time,
 * which bounds how stale another instance's memory can be. See docs/adr/0036.
 * <p>
 * With several instances ({@link PeerMessages}, Redis pub/sub; docs/adr/0051) each one
 * tells the others: units came back ({@code forget}: they forget everything at once, not
 * after the TTL), and a key read empty from the database ({@code sold-out}: they remember
 * it for what is left of the TTL counted from the sender's read, by the wall clock).
 * Messages may be lost; the TTL still bounds every entry, so a lost {@code forget} costs
 * at most what it cost before, and an entry learned from a peer never lives longer than
 * the sender's own.
 */
@Component
class KnownSoldOut {

	static final String TOPIC = "orders.sold-out";

	private static final Logger log = LoggerFactory.getLogger(KnownSoldOut.class);

	private final Map<String, Long> until = new ConcurrentHashMap<>();

	private final long ttlNanos;

	/** Counts {@link #forgetAll()} calls, so a stale "empty" is never remembered. */
	private final AtomicLong generation = new AtomicLong();

	private final @Nullable PeerMessages peers;

	private final Clock clock;

	KnownSoldOut(InventoryProperties properties) {
		this(properties, null, Clock.systemUTC());
	}

	@Autowired
	KnownSoldOut(InventoryProperties properties, ObjectProvider<PeerMessages> peers) {
		this(properties, peers.getIfAvailable(), Clock.systemUTC());
	}

	KnownSoldOut(InventoryProperties properties, @Nullable PeerMessages peers, Clock clock) {
		this.ttlNanos = properties.soldOutTtl().toNanos();
		this.peers = peers;
		this.clock = clock;
		if (peers != null) {
			peers.subscribe(TOPIC, this::onPeerMessage);
		}
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
		if (rememberFor(key, this.ttlNanos, seenGeneration) && this.peers != null) {
			this.peers.publish(TOPIC, "sold-out " + key + ' ' + this.clock.millis());
		}
	}

	/** Whether the key is remembered (units did not come back since the generation). */
	private boolean rememberFor(String key, long nanos, long seenGeneration) {
		Long deadline = System.nanoTime() + nanos;
		this.until.put(key, deadline);
		if (this.generation.get() != seenGeneration) {
			this.until.remove(key, deadline);
			return false;
		}
		return true;
	}

	/**
	 * Units came back somewhere: forget everything (cheap, and never wrong), here and in
	 * every other instance.
	 */
	void forgetAll() {
		forgetHere();
		if (this.peers != null) {
			this.peers.publish(TOPIC, "forget");
		}
	}

	private void forgetHere() {
		this.generation.incrementAndGet();
		this.until.clear();
	}

	/**
	 * Another instance's news: {@code forget}, or {@code sold-out <key> <epoch millis of
	 * its read>}, remembered for what is left of the TTL since that read (a message that
	 * is older than the TTL, or from a clock ahead of ours, gets no more than the TTL
	 * from now minus its age, and none at all when it is too old).
	 */
	private void onPeerMessage(String message) {
		if (message.equals("forget")) {
			forgetHere();
			return;
		}
		int last = message.lastIndexOf(' ');
		if (!message.startsWith("sold-out ") || last <= "sold-out ".length()) {
			log.debug("Ignoring an unknown sold-out message: {}", message);
			return;
		}
		String key = message.substring("sold-out ".length(), last);
		long sentMillis;
		try {
			sentMillis = Long.parseLong(message.substring(last + 1));
		}
		catch (NumberFormatException ex) {
			return;
		}
		long ageNanos = Math.max(0, this.clock.millis() - sentMillis) * 1_000_000L;
		if (ageNanos < this.ttlNanos) {
			rememberFor(key, this.ttlNanos - ageNanos, this.generation.get());
		}
	}

	@TransactionalEventListener
	void on(StockReplenished event) {
		forgetAll();
	}

}
