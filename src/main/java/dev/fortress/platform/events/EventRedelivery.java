package dev.fortress.platform.events;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retries failed deliveries with exponential backoff and jitter, and turns a delivery
 * that failed {@code maxAttempts} times into a dead letter so that it stops costing
 * retries. Each publication (one event for one listener) is retried on its own: a poison
 * event only ever delays itself. Runs on a schedule and at start-up, in every instance;
 * Spring Modulith marks a publication resubmitted with a conditional update, so two
 * instances never resubmit the same one. Deliveries that a crashed instance left in
 * flight are marked failed by Modulith's staleness monitor
 * ({@code spring.modulith.events.staleness.*}) and then retried here.
 */
@Component
class EventRedelivery {

	private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);

	private final FailedEventPublications failed;

	private final CompletedEventPublications completed;

	private final DeadLetters deadLetters;

	private final EventsProperties properties;

	private final Clock clock;

	EventRedelivery(FailedEventPublications failed, CompletedEventPublications completed, DeadLetters deadLetters,
			EventsProperties properties, Clock clock) {
		this.failed = failed;
		this.completed = completed;
		this.deadLetters = deadLetters;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStartup() {
		retryDue();
	}

	@Scheduled(fixedDelayString = "${fortress.events.retry-interval}",
			initialDelayString = "${fortress.events.retry-interval}")
	void retryDue() {
		try {
			int dead = this.deadLetters.bury(this.properties.maxAttempts());
			if (dead > 0) {
				log.warn("{} event deliveries failed {} times and are now dead letters", dead,
						this.properties.maxAttempts());
			}
			Instant now = this.clock.instant();
			this.failed.resubmit(ResubmissionOptions.defaults()
				.withBatchSize(this.properties.retryBatch())
				.withFilter((publication) -> isDue(publication, now)));
		}
		catch (RuntimeException ex) {
			log.warn("Event redelivery round failed; the next round tries again", ex);
		}
	}

	/** Delivers these publications again now (a replay), whatever their backoff. */
	void resubmitNow(Collection<UUID> publicationIds) {
		if (publicationIds.isEmpty()) {
			return;
		}
		Set<UUID> ids = Set.copyOf(publicationIds);
		this.failed.resubmit(ResubmissionOptions.defaults()
			.withBatchSize(Math.max(this.properties.retryBatch(), ids.size()))
			.withFilter((publication) -> ids.contains(publication.getIdentifier())));
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void purgeCompleted() {
		this.completed.deletePublicationsOlderThan(this.properties.keepCompleted());
	}

	boolean isDue(EventPublication publication, Instant now) {
		// Modulith counts the first delivery as attempt 1 and stamps each attempt's
		// start.
		int failures = Math.max(1, publication.getCompletionAttempts());
		Instant last = (publication.getLastResubmissionDate() != null) ? publication.getLastResubmissionDate()
				: publication.getPublicationDate();
		return !last.plus(this.properties.backoff(failures, publication.getIdentifier().getLeastSignificantBits()))
			.isAfter(now);
	}

}
