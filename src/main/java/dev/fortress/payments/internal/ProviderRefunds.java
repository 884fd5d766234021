package dev.fortress.payments.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.payments.PaymentRefundedAtProvider;
import dev.fortress.platform.Money;
import dev.fortress.platform.events.EventMetadata;

/**
 * Learns of refunds made behind Fortress's back, directly at the provider. It reads the
 * provider's refunds feed from the last position it stored, oldest first; a refund of a
 * payment we hold as captured, under the provider id we hold, marks it refunded and
 * publishes {@link PaymentRefundedAtProvider} in the transaction that also moves the
 * stored position past it, so each refund is told once. Refunds we made ourselves, or of
 * payments that are not ours, only move the position.
 * <p>
 * A refund of a payment whose charge is still being settled (charging, or unknown until
 * the reconciler is done) holds the position where it is: the feed is read again from
 * there next time, once the payment's state says whether it was captured.
 */
class ProviderRefunds {

	static final String FEED = "refunds";

	static final int PAGE = 100;

	private static final Logger log = LoggerFactory.getLogger(ProviderRefunds.class);

	private final PspClient client;

	private final Payments payments;

	private final FeedPositions positions;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ProviderRefunds(PspClient client, Payments payments, FeedPositions positions, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock) {
		this.client = client;
		this.payments = payments;
		this.positions = positions;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${fortress.payments.refund-check-interval:30s}",
			fixedDelayString = "${fortress.payments.refund-check-interval:30s}")
	void run() {
		try {
			catchUp();
		}
		catch (RuntimeException ex) {
			// The next run reads from the same stored position; one line is enough.
			log.warn("Reading the payment provider's refunds feed failed: {}", ex.toString());
		}
	}

	/**
	 * Reads the feed to its end (or to a refund that must wait); returns how many refunds
	 * were new to us.
	 */
	int catchUp() {
		int learned = 0;
		while (true) {
			long position = this.positions.position(FEED);
			List<ReportedRefund> page = read(position);
			if (page.isEmpty()) {
				return learned;
			}
			Progress progress = this.transactions.execute(status -> apply(page));
			learned += progress.learned();
			boolean moved = this.positions.position(FEED) > position;
			if (progress.waiting() || page.size() < PAGE || !moved) {
				return learned;
			}
		}
	}

	/** The next page of the feed; empty when there is none or the provider cannot say. */
	private List<ReportedRefund> read(long position) {
		PspReply reply = this.client.refundsAfter(position, PAGE);
		if (!(reply instanceof PspReply.Answered answer) || !answer.successful()) {
			return List.of();
		}
		List<ReportedRefund> page = new ArrayList<>();
		for (JsonNode refund : answer.body().path("data")) {
			page.add(ReportedRefund.of(refund));
		}
		return page;
	}

	private Progress apply(List<ReportedRefund> page) {
		int learned = 0;
		for (ReportedRefund refund : page) {
			Optional<Payment> payment = refund.orderId().flatMap(this.payments::find);
			if (payment.isPresent() && unsettled(payment.get())) {
				return new Progress(learned, true);
			}
			if (payment.isPresent() && this.payments.markRefundedAtProvider(payment.get().orderId(), refund.paymentId(),
					refund.id(), this.clock.instant())) {
				this.events.publishEvent(
						new PaymentRefundedAtProvider(payment.get().orderId(), refund.paymentId(), refund.id(),
								new Money(refund.amount(), payment.get().currency()), EventMetadata.now(this.clock)));
				learned++;
			}
			this.positions.advance(FEED, refund.position());
		}
		return new Progress(learned, false);
	}

	private static boolean unsettled(Payment payment) {
		return payment.state() == Payment.State.CHARGING || payment.state() == Payment.State.UNKNOWN;
	}

	private record Progress(int learned, boolean waiting) {
	}

	/** One entry of the provider's refunds feed. */
	record ReportedRefund(long position, String id, String paymentId, String reference, long amount) {

		static ReportedRefund of(JsonNode refund) {
			return new ReportedRefund(refund.path("position").asLong(), refund.path("id").asString(),
					refund.path("paymentId").asString(), refund.path("reference").asString(),
					refund.path("amount").asLong());
		}

		/** Our payments' references are their order ids; anything else is not ours. */
		Optional<UUID> orderId() {
			try {
				return Optional.of(UUID.fromString(this.reference));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}

	}

}
