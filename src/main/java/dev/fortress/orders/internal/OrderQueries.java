package dev.fortress.orders.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Cursors;

/** Reading orders: callers see their own, ADMIN sees all; others' orders are 404. */
@Service
public class OrderQueries {

	private final Orders orders;

	private final Cancellation cancellation;

	OrderQueries(Orders orders, Cancellation cancellation) {
		this.orders = orders;
		this.cancellation = cancellation;
	}

	public OrderView get(UUID id, CurrentUser user) {
		return this.orders.find(id)
			.filter(order -> user.isAdmin() || order.userId().equals(user.id()))
			.map(OrderView::of)
			.orElseThrow(() -> ApiException.notFound("Order"));
	}

	public CursorPage<OrderView> list(CurrentUser user, String cursor, int limit) {
		List<String> parts = Cursors.decode(cursor, 1);
		UUID before = null;
		if (!parts.isEmpty()) {
			try {
				before = UUID.fromString(parts.get(0));
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.invalid("cursor", "is not a valid cursor");
			}
		}
		List<Order> rows = this.orders.page(user.isAdmin() ? null : user.id(), before, limit + 1);
		return CursorPage.of(rows, limit, order -> Cursors.encode(order.id())).map(OrderView::of);
	}

	public OrderView cancel(UUID id, CurrentUser user) {
		return this.cancellation.cancel(id, user);
	}

}
