package dev.fortress.orders.internal;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What reserving an order came to, whatever the strategy. Only {@link Placed} changed
 * anything: every other outcome rolled its transaction back, or never opened one. How an
 * outcome reads to the client (and is stored with the Idempotency-Key) is decided at the
 * edge, by {@link CheckoutProblems}.
 */
sealed interface Reservation {

	/**
	 * Stock taken and the order inserted with its key link and {@code OrderPlaced},
	 * committed; the order waits for its payment.
	 */
	record Placed(Order order) implements Reservation {
	}

	/**
	 * A final answer to this request: stored with its Idempotency-Key, so the same
	 * request gets it again.
	 */
	sealed interface Refused extends Reservation {

	}

	/**
	 * Not enough left: of the drop when {@code dropId} is set, otherwise of {@code sku}.
	 */
	record SoldOut(@Nullable UUID dropId, String sku) implements Refused {
	}

	/** The drop does not sell now: it has not started yet, or it has ended. */
	record NotLive(boolean notStartedYet) implements Refused {
	}

	/** The customer would hold more than the drop's per-customer limit. */
	record LimitReached(int perCustomerLimit) implements Refused {
	}

	/**
	 * The request was slow and a retry with the same Idempotency-Key took the key over;
	 * the retry's answer counts, so this one placed nothing.
	 */
	record KeyTakenOver() implements Reservation {
	}

	/**
	 * Too many buyers at once; nothing reserved, the client may retry after
	 * {@code retryAfter}.
	 */
	record Overloaded(Backlog backlog, Duration retryAfter) implements Reservation {

		enum Backlog {

			/** The hot key's queue is full. */
			QUEUE_FULL,
			/** No writer picked the request up in time. */
			NOT_PICKED_UP,
			/** The writer stopped (shutdown, or it died) before serving the request. */
			WRITER_STOPPED

		}

	}

}
