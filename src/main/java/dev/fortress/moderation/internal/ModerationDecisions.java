package dev.fortress.moderation.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.fortress.moderation.internal.ModerationItem.Status;
import dev.fortress.platform.moderation.ContentModerated;
import dev.fortress.platform.moderation.ContentModerated.Decision;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;

/**
 * The moderators' queue and decisions. A decision is final: it is taken under the entry's
 * row lock, stored with its moderator and time, and published as {@link ContentModerated}
 * in the same transaction (the owner applies it after the commit). Repeating the decision
 * an entry already has answers with the entry and publishes nothing; the other decision
 * is a {@code 409}.
 */
@Service
public class ModerationDecisions {

	private final ModerationItems items;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ModerationDecisions(ModerationItems items, ApplicationEventPublisher events, Clock clock) {
		this.items = items;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The entries with a status, newest first.
	 * @throws ApiException 400 for a status that is not HELD, APPROVED or REMOVED, or a
	 * bad cursor
	 */
	@Transactional(readOnly = true)
	public CursorPage<ModerationItem> list(@Nullable String status, @Nullable String cursor, int limit) {
		return this.items.list(status(status), cursor, limit);
	}

	/**
	 * @param decision {@code APPROVED} or {@code REMOVED}
	 * @throws ApiException 404 for an unknown entry, 409 if it was decided the other way
	 */
	@Transactional
	public ModerationItem decide(UUID id, Status decision, UUID moderatorId) {
		if (decision == Status.HELD) {
			throw new IllegalArgumentException("HELD is not a decision");
		}
		ModerationItem item = this.items.findForUpdate(id).orElseThrow(() -> ApiException.notFound("Moderation item"));
		if (item.status() == decision) {
			return item;
		}
		if (item.status() != Status.HELD) {
			throw ApiException.conflict("The item was already " + item.status().name().toLowerCase(Locale.ROOT) + " at "
					+ item.decidedAt() + "; a moderation decision is final");
		}
		this.items.decide(id, decision, moderatorId, this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		this.events.publishEvent(new ContentModerated(item.type(), item.sourceId(),
				decision == Status.APPROVED ? Decision.APPROVED : Decision.REMOVED, moderatorId));
		return this.items.findForUpdate(id).orElseThrow();
	}

	private static Status status(@Nullable String status) {
		if (status == null) {
			return Status.HELD;
		}
		try {
			return Status.valueOf(status);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("status", "must be HELD, APPROVED or REMOVED");
		}
	}

}
