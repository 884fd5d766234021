package dev.fortress.orders.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one hot key: drains its bounded queue in batches and hands each
 * batch to the {@link BatchRunner}. Retires itself after a quiet minute.
 */
class BatchWriter {

	private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

	private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(60);

	/**
	 * Runs one batch in one transaction and completes every request in it with its
	 * {@link Reservation}; a failure of the whole batch is thrown.
	 */
	interface BatchRunner {

		void run(String key, List<Request> batch);

	}

	enum Offer {

		ACCEPTED, FULL, RETIRED

	}

	/**
	 * One queued checkout. {@code state} decides, exactly once, whether the writer serves
	 * it or its caller gave up waiting.
	 */
	static final class Request {

		private static final int WAITING = 0, TAKEN = 1, ABANDONED = 2;

		private final OrderDraft draft;

		private final CompletableFuture<Reservation> done = new CompletableFuture<>();

		private final AtomicInteger state = new AtomicInteger(WAITING);

		Request(OrderDraft draft) {
			this.draft = draft;
		}

		OrderDraft draft() {
			return this.draft;
		}

		CompletableFuture<Reservation> done() {
			return this.done;
		}

		boolean take() {
			return this.state.compareAndSet(WAITING, TAKEN);
		}

		boolean abandon() {
			return this.state.compareAndSet(WAITING, ABANDONED);
		}

	}

	private final String key;

	private final BatchRunner runner;

	private final int batchSize;

	private final long lingerNanos;

	private final BlockingQueue<Request> queue;

	private final BiConsumer<String, BatchWriter> onRetire;

	private final Thread thread;

	private boolean retired;

	BatchWriter(String key, BatchRunner runner, InventoryProperties properties,
			BiConsumer<String, BatchWriter> onRetire) {
		this.key = key;
		this.runner = runner;
		this.batchSize = properties.batchSize();
		this.lingerNanos = properties.batchLinger().toNanos();
		this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
		this.onRetire = onRetire;
		this.thread = new Thread(this::loop, "reservation-writer-" + key);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	synchronized Offer offer(Request request) {
		if (this.retired) {
			return Offer.RETIRED;
		}
		return this.queue.offer(request) ? Offer.ACCEPTED : Offer.FULL;
	}

	void stop() {
		this.thread.interrupt();
	}

	private void loop() {
		long idleSince = System.nanoTime();
		try {
			while (true) {
				Request first = this.queue.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					if (System.nanoTime() - idleSince > IDLE_NANOS && retireIfIdle()) {
						return;
					}
					continue;
				}
				List<Request> batch = new ArrayList<>(this.batchSize);
				batch.add(first);
				this.queue.drainTo(batch, this.batchSize - 1);
				if (batch.size() < this.batchSize && this.lingerNanos > 0) {
					Request more = this.queue.poll(this.lingerNanos, TimeUnit.NANOSECONDS);
					if (more != null) {
						batch.add(more);
						this.queue.drainTo(batch, this.batchSize - batch.size());
					}
				}
				List<Request> taken = batch.stream().filter(Request::take).toList();
				if (!taken.isEmpty()) {
					runSafely(taken);
				}
				idleSince = System.nanoTime();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			retireNow();
		}
	}

	private void runSafely(List<Request> batch) {
		try {
			this.runner.run(this.key, batch);
		}
		catch (RuntimeException | Error ex) {
			// Taken requests wait without a timeout: whatever happened, answer them.
			log.error("Reservation batch for {} failed", this.key, ex);
			batch.forEach(request -> request.done().completeExceptionally(ex));
			if (ex instanceof Error error) {
				throw error;
			}
		}
	}

	/**
	 * The thread is ending (stopped, or killed by an Error): leave the map, so the next
	 * request for the key gets a fresh writer instead of a queue nobody drains, and fail
	 * what is still queued at once instead of after the pickup timeout.
	 */
	private synchronized void retireNow() {
		if (!this.retired) {
			this.retired = true;
			this.onRetire.accept(this.key, this);
		}
		for (Request request = this.queue.poll(); request != null; request = this.queue.poll()) {
			if (request.abandon()) {
				request.done()
					.complete(new Reservation.Overloaded(Reservation.Overloaded.Backlog.WRITER_STOPPED,
							Duration.ofSeconds(1)));
			}
		}
	}

	private synchronized boolean retireIfIdle() {
		if (!this.queue.isEmpty()) {
			return false;
		}
		this.retired = true;
		this.onRetire.accept(this.key, this);
		return true;
	}

}
