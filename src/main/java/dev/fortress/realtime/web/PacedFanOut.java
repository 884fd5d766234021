package dev.fortress.realtime.web;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Runs each key's fan-outs on one thread, the newest value winning, and paced: a key's
 * next fan-out starts no sooner than {@code pace} times its last one's duration after
 * that one started. A fan-out to a few watchers takes microseconds and is not held back;
 * one to thousands, on a busy machine, is spaced out so that it takes at most
 * {@code 1/pace} of the thread's time, and the watchers get fewer, later updates instead
 * of the checkouts losing the CPU. The caller's thread (the feed's) only records the
 * value.
 */
final class PacedFanOut<K, V> {

	private final ScheduledExecutorService thread;

	private final BiConsumer<K, V> fanOut;

	private final long pace;

	private final Map<K, V> latest = new ConcurrentHashMap<>();

	private final Set<K> scheduled = ConcurrentHashMap.newKeySet();

	private final Map<K, Long> notBefore = new ConcurrentHashMap<>();

	PacedFanOut(ScheduledExecutorService thread, long pace, BiConsumer<K, V> fanOut) {
		this.thread = thread;
		this.pace = pace;
		this.fanOut = fanOut;
	}

	/**
	 * Fans {@code value} out for {@code key} as soon as the pace allows, unless a newer
	 * one comes first.
	 */
	void submit(K key, V value) {
		this.latest.put(key, value);
		if (this.scheduled.add(key)) {
			schedule(key);
		}
	}

	/** The key will not come back (its drop ended): nothing more to remember. */
	void forget(K key) {
		this.notBefore.remove(key);
	}

	/**
	 * A value submitted while this runs is left for the end: only then is the key free to
	 * be scheduled again, at the pace this run sets.
	 */
	private void run(K key) {
		V value = this.latest.remove(key);
		long started = System.nanoTime();
		try {
			if (value != null) {
				this.fanOut.accept(key, value);
			}
		}
		finally {
			// whatever the fan-out did, the key is free again: a failure must not silence
			// the drop for good
			if (value != null) {
				this.notBefore.put(key, started + this.pace * (System.nanoTime() - started));
			}
			this.scheduled.remove(key);
			if (this.latest.containsKey(key) && this.scheduled.add(key)) {
				schedule(key);
			}
		}
	}

	private void schedule(K key) {
		long wait = this.notBefore.getOrDefault(key, 0L) - System.nanoTime();
		this.thread.schedule(() -> run(key), Math.max(0, wait), TimeUnit.NANOSECONDS);
	}

}
