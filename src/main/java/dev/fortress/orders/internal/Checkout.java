package dev.fortress.orders.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

import dev.fortress.catalog.CatalogApi;
import dev.fortress.catalog.Variant;
import dev.fortress.identity.CurrentUser;
import dev.fortress.inventory.DropState;
import dev.fortress.inventory.InventoryApi;
import dev.fortress.orders.OrderLine;
import dev.fortress.platform.Ids;
import dev.fortress.platform.Money;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * {@code POST /orders}: validate (a 400 is never stored, so a corrected retry may reuse
 * the key), claim the Idempotency-Key, reserve through the configured strategy, then pay.
 * Sold out and limit answers are stored with the key; a failure before the order exists
 * lets go of the key; once the order exists the key stays with it, so a retry resumes
 * that order instead of buying twice.
 */
@Service
public class Checkout {

	private final CatalogApi catalog;

	private final InventoryApi inventory;

	private final Idempotency idempotency;

	private final ReservationStrategy strategy;

	private final Settlement settlement;

	private final Orders orders;

	private final JsonMapper json;

	private final MeterRegistry meters;

	Checkout(CatalogApi catalog, InventoryApi inventory, Idempotency idempotency, ReservationStrategy strategy,
			Settlement settlement, Orders orders, JsonMapper json, MeterRegistry meters) {
		this.catalog = catalog;
		this.inventory = inventory;
		this.idempotency = idempotency;
		this.strategy = strategy;
		this.settlement = settlement;
		this.orders = orders;
		this.json = json;
		this.meters = meters;
	}

	public OrderView place(CurrentUser user, String key, PlaceOrder command) {
		return place(user, key, command, this.strategy);
	}

	OrderView place(CurrentUser user, String key, PlaceOrder command, ReservationStrategy strategy) {
		ReadOnly.refuse(user);
		if (key == null || key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
			throw ApiException.invalid("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
		}
		OrderDraft unclaimed = draft(user.id(), command);
		Idempotency.Claim claim = this.idempotency.claim(user.id(), key, hash(command));
		if (claim instanceof Idempotency.Claim.Replay replay) {
			return replay(replay);
		}
		Idempotency.Claim.Started started = (Idempotency.Claim.Started) claim;
		Idempotency.Held held = started.held();
		if (started.orderId() != null) {
			return paid(this.settlement.pay(this.orders.find(started.orderId()).orElseThrow(), held));
		}
		Reservation reservation = reserve(strategy, unclaimed.claimedWith(held), held);
		if (reservation instanceof Reservation.Placed placed) {
			return paid(this.settlement.pay(placed.order(), held));
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

	private OrderDraft draft(UUID userId, PlaceOrder command) {
		if (command.paymentToken() == null || command.paymentToken().isBlank()) {
			throw ApiException.invalid("payment.token", "is required");
		}
		boolean hasItems = command.items() != null && !command.items().isEmpty();
		if (hasItems == (command.dropId() != null)) {
			throw ApiException.invalid("items", "give either items or dropId");
		}
		DropState drop = null;
		List<PlaceOrder.Item> wanted;
		if (command.dropId() != null) {
			drop = this.inventory.findDrop(command.dropId()).orElseThrow(() -> ApiException.notFound("Drop"));
			int quantity = command.quantity() == null ? 1 : command.quantity();
			if (quantity < 1 || quantity > 100) {
				throw ApiException.invalid("quantity", "must be between 1 and 100");
			}
			wanted = List.of(new PlaceOrder.Item(drop.sku(), quantity));
		}
		else {
			if (command.quantity() != null) {
				throw ApiException.invalid("quantity", "only with dropId; items carry their own quantities");
			}
			wanted = command.items();
		}
		List<OrderLine> lines = lines(wanted);
		return new OrderDraft(Ids.newId(), userId, drop, lines, total(lines), command.paymentToken(), null,
				RequestIds.current());
	}

	private List<OrderLine> lines(List<PlaceOrder.Item> wanted) {
		if (wanted.size() > 50) {
			throw ApiException.invalid("items", "at most 50 lines");
		}
		Set<String> seen = new HashSet<>();
		for (PlaceOrder.Item item : wanted) {
			if (item == null || item.sku() == null || item.quantity() < 1 || item.quantity() > 100) {
				throw ApiException.invalid("items", "each item needs a sku and a quantity between 1 and 100");
			}
			if (!seen.add(item.sku())) {
				throw ApiException.invalid("items", "SKU " + item.sku() + " appears twice");
			}
		}
		Map<String, Variant> variants = this.catalog.findVariants(seen);
		List<OrderLine> lines = new ArrayList<>();
		for (PlaceOrder.Item item : wanted) {
			Variant variant = variants.get(item.sku());
			if (variant == null) {
				throw ApiException.invalid("items", "unknown SKU " + item.sku());
			}
			lines.add(new OrderLine(item.sku(), item.quantity(), variant.price()));
		}
		return lines;
	}

	private static Money total(List<OrderLine> lines) {
		try {
			return lines.stream().map(OrderLine::subtotal).reduce(Money::plus).orElseThrow();
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("items", "all items must be priced in the same currency");
		}
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
