package dev.fortress.payments;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Test support: records every {@link PaymentReconciled} and
 * {@link PaymentRefundedAtProvider} after its transaction committed. It is a plain
 * {@code @Component} under {@code src/test}, so the shared test context picks it up by
 * component scanning without a context of its own.
 */
@Component
public class RecordedPaymentEvents {

	private final List<PaymentReconciled> reconciled = new CopyOnWriteArrayList<>();

	private final List<PaymentRefundedAtProvider> refundedAtProvider = new CopyOnWriteArrayList<>();

	@TransactionalEventListener
	void on(PaymentReconciled event) {
		this.reconciled.add(event);
	}

	@TransactionalEventListener
	void on(PaymentRefundedAtProvider event) {
		this.refundedAtProvider.add(event);
	}

	public List<PaymentRefundedAtProvider> refundedAtProvider(UUID orderId) {
		return this.refundedAtProvider.stream().filter(event -> event.orderId().equals(orderId)).toList();
	}

	public List<PaymentReconciled> reconciled(UUID orderId) {
		return this.reconciled.stream().filter(event -> event.orderId().equals(orderId)).toList();
	}

	public Optional<PaymentReconciled> first(UUID orderId) {
		return reconciled(orderId).stream().findFirst();
	}

}
