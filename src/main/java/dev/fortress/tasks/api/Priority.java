package dev.fortress.tasks.api;

/**
 * Task priority. Stored as its {@link #rank()} (1..4) so that sorting and reports work on
 * plain integers.
 */
public enum Priority {

	LOW(1), MEDIUM(2), HIGH(3), URGENT(4);

	private final int rank;

	Priority(int rank) {
		this.rank = rank;
	}

	public int rank() {
		return this.rank;
	}

	public static Priority ofRank(int rank) {
		for (Priority priority : values()) {
			if (priority.rank == rank) {
				return priority;
			}
		}
		throw new IllegalArgumentException("No priority of rank " + rank);
	}

}
