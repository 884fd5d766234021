package dev.fortress.orders.internal;

import java.time.Duration;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * How checkout's outcomes read to a client, as RFC 9457 problems: the one place where a
 * refused reservation or a failed payment becomes an HTTP answer (and the answer stored
 * with the Idempotency-Key for a replay).
 */
final class CheckoutProblems {

	private CheckoutProblems() {
	}

	/** The answer to a reservation that placed nothing. */
	static ApiException of(Reservation notPlaced) {
		if (notPlaced instanceof Reservation.SoldOut soldOut) {
			return soldOut.dropId() != null ? dropSoldOut()
					: new ApiException(ProblemType.SOLD_OUT, soldOut.sku() + " is sold out");
		}
		if (notPlaced instanceof Reservation.NotLive notLive) {
			return new ApiException(ProblemType.SOLD_OUT,
					notLive.notStartedYet() ? "The drop has not started yet" : "The drop has ended");
		}
		if (notPlaced instanceof Reservation.LimitReached limit) {
			return ApiException
				.conflict("You have reached this drop's limit of " + limit.perCustomerLimit() + " per customer");
		}
		if (notPlaced instanceof Reservation.KeyTakenOver) {
			return new ApiException(ProblemType.IDEMPOTENCY_KEY_IN_USE,
					"This request took too long and a retry with the same Idempotency-Key took over; its answer counts");
		}
		if (notPlaced instanceof Reservation.Overloaded overloaded) {
			return ApiException.unavailable(switch (overloaded.backlog()) {
				case QUEUE_FULL -> "Too many buyers at once for this item; retry shortly";
				case NOT_PICKED_UP -> "Checkout is overloaded; retry shortly";
				case WRITER_STOPPED -> "Checkout is restarting; retry shortly";
			}, overloaded.retryAfter());
		}
		throw new IllegalArgumentException("Not a refusal: " + notPlaced);
	}

	static ApiException dropSoldOut() {
		return new ApiException(ProblemType.SOLD_OUT, "The drop is sold out");
	}

	static ApiException paymentDeclined() {
		return new ApiException(ProblemType.PAYMENT_DECLINED,
				"The card was declined; nothing was charged and the items were released");
	}

	static ApiException paymentUnavailable(Duration retryAfter) {
		return ApiException.unavailable("The payment provider is unavailable; nothing was charged", retryAfter);
	}

}
