package dev.fortress.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-project read model: tasks created and tasks that became DONE, per UTC day of
 * the event. A task reopened and done again counts on both days it was done.
 */
@Component
public class ProjectAnalytics {

	private final JdbcClient jdbc;

	ProjectAnalytics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void add(UUID projectId, Instant at, int created, int completed) {
		this.jdbc.sql("""
				insert into analytics_project_days (project_id, day, created, completed)
				values (:projectId, :day, :created, :completed)
				on conflict (project_id, day) do update set created = analytics_project_days.created + excluded.created,
				    completed = analytics_project_days.completed + excluded.completed
				""")
			.param("projectId", projectId)
			.param("day", LocalDate.ofInstant(at, ZoneOffset.UTC))
			.param("created", created)
			.param("completed", completed)
			.update();
	}

	/** Every day from {@code from} to {@code to}, zeros included, oldest first. */
	@Transactional(readOnly = true)
	public List<Day> days(UUID projectId, LocalDate from, LocalDate to) {
		Map<LocalDate, Day> stored = this.jdbc.sql("""
				select day, created, completed from analytics_project_days
				where project_id = :projectId and day between :from and :to
				""")
			.param("projectId", projectId)
			.param("from", from)
			.param("to", to)
			.query((rs, n) -> new Day(rs.getObject("day", LocalDate.class), rs.getInt("created"),
					rs.getInt("completed")))
			.list()
			.stream()
			.collect(Collectors.toMap(Day::date, Function.identity()));
		List<Day> days = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			days.add(stored.getOrDefault(day, new Day(day, 0, 0)));
		}
		return days;
	}

	public record Day(LocalDate date, int created, int completed) {
	}

}
