package dev.fortress.tasks.api;

/**
 * The stable sort orders of the task list. Each ends on the id, so every row has a unique
 * position and keyset paging never skips or repeats one.
 */
public enum TaskSort {

	/** Newest first: created_at desc, id desc. */
	CREATED("created"),
	/** Soonest due first, undated last: coalesce(due_date, 9999-12-31) asc, id asc. */
	DUE_DATE("dueDate"),
	/** Most urgent first, then newest: priority desc, created_at desc, id desc. */
	PRIORITY("priority");

	private final String param;

	TaskSort(String param) {
		this.param = param;
	}

	public String param() {
		return this.param;
	}

	/**
	 * @return the sort named by the {@code sort} query parameter, or null if unknown
	 */
	public static TaskSort fromParam(String value) {
		for (TaskSort sort : values()) {
			if (sort.param.equals(value)) {
				return sort;
			}
		}
		return null;
	}

}
