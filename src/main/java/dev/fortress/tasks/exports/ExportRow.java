package dev.fortress.tasks.exports;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** One task as an export shows it: names instead of ids, plain text values. */
record ExportRow(String id, String type, String title, String status, String priority, @Nullable String category,
		@Nullable String assignee, List<String> labels, @Nullable String dueDate, @Nullable String severity,
		@Nullable Integer storyPoints, String createdAt) {

	static final List<String> HEADERS = List.of("id", "type", "title", "status", "priority", "category", "assignee",
			"labels", "dueDate", "severity", "storyPoints", "createdAt");

	List<String> cells() {
		return List.of(this.id, this.type, this.title, this.status, this.priority, text(this.category),
				text(this.assignee), String.join(";", this.labels), text(this.dueDate), text(this.severity),
				this.storyPoints == null ? "" : this.storyPoints.toString(), this.createdAt);
	}

	private static String text(@Nullable String value) {
		return value == null ? "" : value;
	}

}
