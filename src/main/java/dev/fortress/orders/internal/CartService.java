package dev.fortress.orders.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.fortress.catalog.CatalogApi;
import dev.fortress.catalog.Variant;
import dev.fortress.identity.CurrentUser;
import dev.fortress.inventory.InventoryApi;
import dev.fortress.inventory.StockLevel;
import dev.fortress.platform.Money;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

/**
 * A cart per user. Quantities are checked against what is available when set; the
 * checkout checks again, because stock moves between the two.
 */
@Service
public class CartService {

	private final Carts carts;

	private final CatalogApi catalog;

	private final InventoryApi inventory;

	private final Clock clock;

	CartService(Carts carts, CatalogApi catalog, InventoryApi inventory, Clock clock) {
		this.carts = carts;
		this.catalog = catalog;
		this.inventory = inventory;
		this.clock = clock;
	}

	public CartView get(UUID userId) {
		List<Carts.Line> lines = this.carts.lines(userId);
		List<String> skus = lines.stream().map(Carts.Line::sku).toList();
		Map<String, Variant> variants = this.catalog.findVariants(skus);
		Map<String, StockLevel> stock = this.inventory.levels(skus);
		List<CartView.Item> items = lines.stream().filter(line -> variants.containsKey(line.sku())).map(line -> {
			Variant variant = variants.get(line.sku());
			StockLevel level = stock.get(line.sku());
			return new CartView.Item(line.sku(), variant.productName(), variant.size(), line.quantity(),
					variant.price(), variant.price().times(line.quantity()), level == null ? 0 : level.available());
		}).toList();
		boolean oneCurrency = items.stream().map(item -> item.subtotal().currency()).distinct().count() == 1;
		// Amounts in different currencies have no sum (checkout refuses such a cart too).
		Money total = oneCurrency ? items.stream().map(CartView.Item::subtotal).reduce(Money::plus).orElseThrow()
				: null;
		return new CartView(items, total);
	}

	/**
	 * Sets the quantity of a SKU: 404 unknown SKU, 409 sold-out / conflict beyond stock.
	 */
	public CartView put(CurrentUser user, String sku, int quantity) {
		ReadOnly.refuse(user);
		UUID userId = user.id();
		if (this.catalog.findVariants(List.of(sku)).isEmpty()) {
			throw ApiException.notFound("SKU");
		}
		int available = this.inventory.levels(List.of(sku)).values().stream().mapToInt(StockLevel::available).sum();
		if (available == 0) {
			throw new ApiException(ProblemType.SOLD_OUT, sku + " is sold out");
		}
		if (quantity > available) {
			throw ApiException.conflict("Only " + available + " of " + sku + " available");
		}
		if (this.carts.lines(userId).stream().noneMatch(line -> line.sku().equals(sku))
				&& this.carts.count(userId) >= PlaceOrder.MAX_LINES) {
			throw ApiException.conflict("A cart holds at most " + PlaceOrder.MAX_LINES + " different items");
		}
		this.carts.put(userId, sku, quantity, this.clock.instant());
		return get(userId);
	}

	public CartView remove(CurrentUser user, String sku) {
		ReadOnly.refuse(user);
		if (!this.carts.remove(user.id(), sku)) {
			throw ApiException.notFound("Cart item");
		}
		return get(user.id());
	}

}
