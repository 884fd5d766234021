package dev.fortress.moderation.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.knowledge.EmbeddingModel;
import dev.fortress.moderation.internal.ModerationItem.Status;
import dev.fortress.moderation.internal.NearestLabels.Verdict;
import dev.fortress.platform.Ids;
import dev.fortress.platform.moderation.ContentScreen;
import dev.fortress.platform.moderation.Screening;
import dev.fortress.platform.moderation.Submission;
import dev.fortress.platform.ratelimit.RateLimiter;

/**
 * The screen on the write path, in the owner's transaction: the text rules, the author's
 * posting rate, then (for a text no rule held) the nearest labelled examples. A held item
 * is queued in the same transaction, so the queue and the owner's flag commit or roll
 * back together. A passed but borderline text goes to {@link LlmReview} after the commit;
 * the writer never waits for a language model. Counted as
 * {@code fortress.moderation.screened{type,outcome=passed|grey|held}}.
 */
@Component
class Screen implements ContentScreen {

	private static final Logger log = LoggerFactory.getLogger(Screen.class);

	private final TextRules rules;

	private final PostingRate rate;

	private final NearestLabels labels;

	private final ModerationItems items;

	private final LlmReview review;

	private final MeterRegistry meters;

	private final Clock clock;

	private final boolean enabled;

	Screen(ModerationProperties properties, RateLimiter limiter, EmbeddingModel model, ModerationItems items,
			LlmReview review, MeterRegistry meters, Clock clock) {
		this.rules = new TextRules(properties);
		this.rate = new PostingRate(limiter, properties);
		this.labels = new NearestLabels(model, LabelledSet.load(), properties.k(), properties.holdSimilarity(),
				properties.greySimilarity());
		this.items = items;
		this.review = review;
		this.meters = meters;
		this.clock = clock;
		this.enabled = properties.enabled();
	}

	/** Embeds the labelled examples before the first user waits for them. */
	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		if (this.enabled) {
			this.labels.warmUp();
		}
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public Screening screen(Submission submission) {
		if (!this.enabled) {
			return Screening.PASSED;
		}
		List<String> reasons = new ArrayList<>(this.rules.broken(submission.text()));
		if (!this.rate.allowed(submission)) {
			reasons.add(PostingRate.REASON);
		}
		boolean grey = false;
		if (reasons.isEmpty()) {
			Verdict verdict = semantic(submission);
			if (verdict.held()) {
				reasons.add("semantic:" + verdict.label());
			}
			grey = verdict.grey();
		}
		if (!reasons.isEmpty()) {
			this.items.hold(new ModerationItem(Ids.newId(), submission.type(), submission.id(), submission.authorId(),
					ModerationItems.excerpt(submission.text()), reasons, Status.HELD,
					this.clock.instant().truncatedTo(ChronoUnit.MICROS), null, null));
			count(submission, "held");
			return new Screening(true, List.copyOf(reasons));
		}
		if (grey) {
			this.review.afterCommit(submission);
		}
		count(submission, grey ? "grey" : "passed");
		return Screening.PASSED;
	}

	/**
	 * The semantic verdict; when the embedding model fails the text passes on the rules
	 * alone (logged): a broken model must not stop people from writing.
	 */
	private Verdict semantic(Submission submission) {
		try {
			return this.labels.classify(submission.text());
		}
		catch (RuntimeException failure) {
			log.warn("Semantic check of {} {} failed; screened by rules alone", submission.type(), submission.id(),
					failure);
			return new Verdict(null, false, 0);
		}
	}

	private void count(Submission submission, String outcome) {
		Counter.builder("fortress.moderation.screened")
			.description("Items screened on the write path, by outcome")
			.tag("type", submission.type())
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

}
