package dev.fortress.orders.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.DisposableBean;

/**
 * The default strategy, built for the hot SKU of a drop. Requests for the same drop (or
 * single SKU) are queued to one writer per key, which serves them in batches: one
 * transaction locks the drop (or the SKU's stock) row once, grants requests in arrival
 * order while units last, takes the granted total in one update, and inserts every order,
 * its idempotency link and its event; one synchronous commit then makes the whole batch
 * durable. Once a key is known to be empty, requests are answered from memory without
 * touching the database. A full queue answers {@link Reservation.Overloaded}
 * (back-pressure). Multi-line orders are not hot-key traffic and use conditional updates.
 * See docs/adr/0021.
 */
class BatchedReservation implements ReservationStrategy, DisposableBean {

	/**
	 * How long a caller waits for a writer to pick its request up before giving up.
	 */
	private static final Duration PICKUP_TIMEOUT = Duration.ofSeconds(10);

	private final BatchWriter.BatchRunner runner;

	private final ConditionalReservation multiLine;

	private final KnownSoldOut soldOut;

	private final InventoryProperties properties;

	private final Map<String, BatchWriter> writers = new ConcurrentHashMap<>();

	BatchedReservation(BatchWriter.BatchRunner runner, ConditionalReservation multiLine, KnownSoldOut soldOut,
			InventoryProperties properties) {
		this.runner = runner;
		this.multiLine = multiLine;
		this.soldOut = soldOut;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "batched";
	}

	@Override
	public Reservation reserve(OrderDraft draft) {
		if (draft.lines().size() > 1) {
			return this.multiLine.reserve(draft);
		}
		String key = draft.hotKey();
		if (this.soldOut.isSoldOut(key)) {
			return new Reservation.SoldOut(draft.dropId(), draft.lines().get(0).sku());
		}
		BatchWriter.Request request = new BatchWriter.Request(draft);
		while (true) {
			BatchWriter writer = this.writers.computeIfAbsent(key,
					k -> new BatchWriter(k, this.runner, this.properties, this.writers::remove));
			BatchWriter.Offer offer = writer.offer(request);
			if (offer == BatchWriter.Offer.ACCEPTED) {
				return await(request);
			}
			if (offer == BatchWriter.Offer.FULL) {
				return new Reservation.Overloaded(Reservation.Overloaded.Backlog.QUEUE_FULL, Duration.ofSeconds(1));
			}
			// The writer was retiring; the next computeIfAbsent creates a fresh one.
		}
	}

	private static Reservation await(BatchWriter.Request request) {
		CompletableFuture<Reservation> done = request.done();
		try {
			try {
				return done.get(PICKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				if (request.abandon()) {
					return new Reservation.Overloaded(Reservation.Overloaded.Backlog.NOT_PICKED_UP,
							Duration.ofSeconds(2));
				}
				// A writer is serving it right now: its outcome is the truth, so wait for
				// it.
				return done.get();
			}
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a reservation", ex);
		}
	}

	@Override
	public void destroy() {
		this.writers.values().forEach(BatchWriter::stop);
	}

}
