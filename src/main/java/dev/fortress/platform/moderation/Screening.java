package dev.fortress.platform.moderation;

import java.util.List;

/**
 * The screen's verdict on a submission.
 *
 * @param held whether the item must be stored held until a moderator approves it
 * @param reasons why it was held (rule and label names), empty when it was not
 */
public record Screening(boolean held, List<String> reasons) {

	public static final Screening PASSED = new Screening(false, List.of());

}
