package dev.fortress.orders.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

import dev.fortress.identity.CurrentUser;
import dev.fortress.payments.PaymentsApi;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.DatabaseOutageFilter;
import dev.fortress.platform.web.ProblemType;

/**
 * {@code POST /orders}: validate (a 400 is never stored, so a corrected retry may reuse
 * the key), answer a drop known to be empty from memory ({@link SoldOutRefusals}), claim
 * the Idempotency-Key, reserve through the configured strategy, then pay. Sold out and
 * limit answers are stored with the key; a failure before the order exists lets go of the
 * key; once the order exists the key stays with it, so a retry resumes that order instead
 * of buying twice.
 */
@Service
public class Checkout {

	private static final Logger log = LoggerFactory.getLogger(Checkout.class);

	private final OrderDrafting drafting;

	private final Idempotency idempotency;

	private final ReservationStrategy strategy;

	private final Settlement settlement;

	private final Orders orders;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final PaymentsApi payments;

	private final SoldOutRefusals soldOutRefusals;

	private final CheckoutAttemptCounter attempts;

	Checkout(OrderDrafting drafting, Idempotency idempotency, ReservationStrategy strategy, Settlement settlement,
			Orders orders, JsonMapper json, MeterRegistry meters, PaymentsApi payments, SoldOutRefusals soldOutRefusals,
			CheckoutAttemptCounter attempts) {
		this.drafting = drafting;
		this.idempotency = idempotency;
		this.strategy = strategy;
		this.settlement = settlement;
		this.orders = orders;
		this.json = json;
		this.meters = meters;
		this.payments = payments;
		this.soldOutRefusals = soldOutRefusals;
		this.attempts = attempts;
	}

	/**
	 * The caller's right to buy, checked before anything about the request is: for
	 * callers that build the {@link PlaceOrder} themselves (gRPC), so a viewer's
	 * malformed request is still refused as a viewer's. {@link #place} checks it again.
	 * @throws ApiException {@code forbidden} for a read-only viewer
	 */
	public void authorize(CurrentUser user) {
		ReadOnly.refuse(user);
	}

	public OrderView place(CurrentUser user, String key, PlaceOrder command) {
		return place(user, key, command, this.strategy);
	}

	OrderView place(CurrentUser user, String key, PlaceOrder command, ReservationStrategy strategy) {
		ReadOnly.refuse(user);
		if (key == null || key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
			throw ApiException.invalid("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
		}
		this.soldOutRefusals.refuseIfKnownEmpty(user.id(), key, command);
		OrderDraft unclaimed = this.drafting.draft(user.id(), command);
		if (unclaimed.drop() != null) {
			this.attempts.count(unclaimed.drop().id());
		}
		Idempotency.Claim claim = this.idempotency.claim(user.id(), key, hash(command));
		if (claim instanceof Idempotency.Claim.Replay replay) {
			return replay(replay);
		}
		Idempotency.Claim.Started started = (Idempotency.Claim.Started) claim;
		Idempotency.Held held = started.held();
		if (started.orderId() != null) {
			return pay(this.orders.find(started.orderId()).orElseThrow(), held);
		}
		refuseWhilePaymentsAreDown(unclaimed, held);
		Reservation reservation = reserve(strategy, unclaimed.claimedWith(held), held);
		if (reservation instanceof Reservation.Placed placed) {
			// A free order was paid, and its key completed, when it was placed.
			return placed.order().status() == OrderStatus.PAID ? OrderView.of(placed.order())
					: pay(placed.order(), held);
		}
		ApiException problem = CheckoutProblems.of(reservation);
		if (reservation instanceof Reservation.Refused) {
			this.idempotency.completeWithProblem(held, problem);
		}
		else if (reservation instanceof Reservation.Overloaded) {
			this.idempotency.release(held);
		}
		// KeyTakenOver: the key is the retry's now, its record is none of this request's
		// business.
		throw problem;
	}

	/**
	 * While the provider's circuit is open a paid order could only be reserved, refused
	 * by the payment step and released again: refuse it before it takes a unit (and a row
	 * lock other buyers wait for), and let go of the key so the same request can be
	 * retried when the circuit lets calls through.
	 */
	private void refuseWhilePaymentsAreDown(OrderDraft draft, Idempotency.Held held) {
		if (draft.total().amount() == 0) {
			return;
		}
		Optional<Duration> retryAfter = this.payments.unavailableFor();
		if (retryAfter.isPresent()) {
			this.idempotency.release(held);
			throw CheckoutProblems.paymentUnavailable(retryAfter.get());
		}
	}

	/**
	 * Reserves through the strategy, timed per strategy and outcome; an unexpected
	 * failure lets go of the key (no order exists), so a retry runs again.
	 */
	private Reservation reserve(ReservationStrategy strategy, OrderDraft draft, Idempotency.Held held) {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "error";
		try {
			Reservation reservation = strategy.reserve(draft);
			outcome = reservation instanceof Reservation.Placed ? "reserved"
					: CheckoutProblems.of(reservation).type().slug();
			return reservation;
		}
		catch (RuntimeException ex) {
			this.idempotency.release(held);
			throw ex;
		}
		finally {
			sample.stop(
					this.meters.timer("fortress.orders.reservation", "strategy", strategy.name(), "outcome", outcome));
		}
	}

	/**
	 * Pays an order that exists. If the database goes away meanwhile (the pool runs dry
	 * under a burst, the connection is lost), the buyer is not told {@code 503}, which
	 * says nothing happened: the order is placed and holds its units, so the answer is
	 * the order as {@code PENDING_PAYMENT}, as for a charge whose outcome is unknown. The
	 * key stays with the order: a retry with it resumes the payment, and the sweeper
	 * re-drives the order if nobody retries.
	 */
	private OrderView pay(Order order, Idempotency.Held held) {
		try {
			return paid(this.settlement.pay(order, held));
		}
		catch (RuntimeException ex) {
			Throwable outage = DatabaseOutageFilter.outage(ex);
			if (outage == null) {
				throw ex;
			}
			log.warn("Order {} is placed but could not be paid now, the database is unavailable ({}); "
					+ "answered PENDING_PAYMENT", order.id(), outage.getMessage());
			return OrderView.of(order);
		}
	}

	private static OrderView paid(Settlement.Result result) {
		if (result instanceof Settlement.Result.Settled settled) {
			return settled.order();
		}
		if (result instanceof Settlement.Result.Unavailable unavailable) {
			throw CheckoutProblems.paymentUnavailable(unavailable.retryAfter());
		}
		throw CheckoutProblems.paymentDeclined();
	}

	private OrderView replay(Idempotency.Claim.Replay replay) {
		if (replay.problemType() != null) {
			throw new ApiException(ProblemType.valueOf(replay.problemType()), replay.body());
		}
		return this.json.readValue(replay.body(), OrderView.class);
	}

	private String hash(PlaceOrder command) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(this.json.writeValueAsString(command).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
