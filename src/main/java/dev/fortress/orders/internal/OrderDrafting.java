package dev.fortress.orders.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.fortress.catalog.CatalogApi;
import dev.fortress.catalog.Variant;
import dev.fortress.inventory.DropState;
import dev.fortress.inventory.InventoryApi;
import dev.fortress.orders.OrderLine;
import dev.fortress.platform.Ids;
import dev.fortress.platform.events.Origin;
import dev.fortress.platform.Money;
import dev.fortress.platform.web.ApiException;

/**
 * Turns a checkout request into an {@link OrderDraft}: checked against the limits of
 * {@link PlaceOrder}, its drop found, its lines priced from the catalog. Every failure is
 * a {@code 400}/{@code 404} that changes nothing and is never stored with the key.
 */
@Component
class OrderDrafting {

	/**
	 * Compiled once: {@code String.matches} compiles the pattern on every call, and every
	 * checkout runs it, a refusal from the sold-out fast path included.
	 */
	private static final Pattern TOKEN = Pattern.compile(PlaceOrder.TOKEN_PATTERN);

	private final CatalogApi catalog;

	private final InventoryApi inventory;

	OrderDrafting(CatalogApi catalog, InventoryApi inventory) {
		this.catalog = catalog;
		this.inventory = inventory;
	}

	OrderDraft draft(UUID userId, PlaceOrder command) {
		checkTokenAndShape(command);
		DropState drop = null;
		List<PlaceOrder.Item> wanted;
		if (command.dropId() != null) {
			drop = this.inventory.findDrop(command.dropId()).orElseThrow(() -> ApiException.notFound("Drop"));
			wanted = List.of(new PlaceOrder.Item(drop.sku(), dropQuantity(command)));
		}
		else {
			if (command.quantity() != null) {
				throw ApiException.invalid("quantity", "only with dropId; items carry their own quantities");
			}
			wanted = command.items();
		}
		List<OrderLine> lines = lines(wanted);
		return new OrderDraft(Ids.newId(), userId, drop, lines, total(lines), command.paymentToken(), null,
				Origin.current());
	}

	/**
	 * The checks of a drop order that need no database, in the order {@link #draft} makes
	 * them: the sold-out fast path answers a malformed request {@code 400}, as the full
	 * path does, before it answers sold out.
	 */
	static void checkDropRequest(PlaceOrder command) {
		checkTokenAndShape(command);
		dropQuantity(command);
	}

	private static void checkTokenAndShape(PlaceOrder command) {
		String token = command.paymentToken();
		if (token == null || token.length() > PlaceOrder.MAX_TOKEN_LENGTH || !TOKEN.matcher(token).matches()) {
			throw ApiException.invalid("payment.token",
					"is required: 1 to " + PlaceOrder.MAX_TOKEN_LENGTH + " visible ASCII characters");
		}
		boolean hasItems = command.items() != null && !command.items().isEmpty();
		if (hasItems == (command.dropId() != null)) {
			throw ApiException.invalid("items", "give either items or dropId");
		}
	}

	private static int dropQuantity(PlaceOrder command) {
		int quantity = command.quantity() == null ? 1 : command.quantity();
		if (quantity < 1 || quantity > PlaceOrder.MAX_QUANTITY) {
			throw ApiException.invalid("quantity", "must be between 1 and " + PlaceOrder.MAX_QUANTITY);
		}
		return quantity;
	}

	private List<OrderLine> lines(List<PlaceOrder.Item> wanted) {
		if (wanted.size() > PlaceOrder.MAX_LINES) {
			throw ApiException.invalid("items", "at most " + PlaceOrder.MAX_LINES + " lines");
		}
		Set<String> seen = new HashSet<>();
		for (PlaceOrder.Item item : wanted) {
			if (item == null || item.sku() == null || item.quantity() < 1
					|| item.quantity() > PlaceOrder.MAX_QUANTITY) {
				throw ApiException.invalid("items",
						"each item needs a sku and a quantity between 1 and " + PlaceOrder.MAX_QUANTITY);
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

}
