package dev.fortress.orders.internal;

import dev.fortress.identity.CurrentUser;
import dev.fortress.platform.web.ApiException;

/**
 * A global VIEWER is read-only everywhere: it may browse and read its orders, not buy.
 */
final class ReadOnly {

	private ReadOnly() {
	}

	static void refuse(CurrentUser user) {
		if (user.isReadOnly()) {
			throw ApiException.forbidden("Viewers are read-only");
		}
	}

}
