package dev.fortress.orders.internal;

import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;

import org.springframework.stereotype.Component;

import dev.fortress.platform.web.ApiException;

/**
 * The door of checkout: at most {@code max-concurrent} checkouts run at once, and a buyer
 * who cannot get in within {@code max-wait} is told {@code 503} with {@code Retry-After}
 * before anything is read, claimed or reserved. Under a flash sale the excess buyers
 * therefore wait here, in a fair in-memory queue that costs nothing, instead of in the
 * connection pool (where they would starve every other request of connections and time
 * out after the pool's wait) or behind the hot stock row; and a refused buyer's
 * Idempotency-Key is untouched, so the same request may simply be sent again.
 */
@Component
public class CheckoutAdmission {

	static final String NAME = "checkout";

	private final Bulkhead door;

	private final OrdersProperties.Admission settings;

	CheckoutAdmission(BulkheadRegistry registry, OrdersProperties properties) {
		this.settings = properties.admission();
		this.door = registry.bulkhead(NAME,
				BulkheadConfig.custom()
					.maxConcurrentCalls(this.settings.maxConcurrent())
					.maxWaitDuration(this.settings.maxWait())
					// First come, first served: a waiting buyer is not overtaken by later
					// ones.
					.fairCallHandlingStrategyEnabled(true)
					.build());
	}

	/** Runs one checkout once it is let in; {@code 503} if it is not let in in time. */
	public <T> T admit(Supplier<T> checkout) {
		if (!this.door.tryAcquirePermission()) {
			throw ApiException.unavailable("Too many buyers are checking out at once; retry shortly",
					this.settings.retryAfter());
		}
		try {
			return checkout.get();
		}
		finally {
			this.door.onComplete();
		}
	}

}
