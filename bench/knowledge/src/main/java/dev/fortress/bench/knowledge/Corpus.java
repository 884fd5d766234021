package dev.fortress.bench.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated text in the shape of what Fortress indexes: tasks, comments and messages of a
 * few sentences about components, symptoms and circumstances. Varied enough that its
 * embeddings spread over many clusters, as real chunks do.
 */
final class Corpus {

	private static final String[] COMPONENTS = { "checkout page", "login form", "search results", "order history",
			"payment gateway", "mobile app", "admin dashboard", "export job", "notification e-mail", "product page",
			"shopping cart", "inventory sync", "report generator", "chat channel", "file upload", "password reset",
			"invoice PDF", "shipping label", "discount code", "user profile", "API gateway", "database backup",
			"release pipeline", "monitoring alert", "cache layer", "image resizer", "onboarding flow",
			"drop countdown", "refund screen", "tablet layout" };

	private static final String[] SYMPTOMS = { "times out", "shows a blank screen", "returns the wrong totals",
			"crashes", "loads very slowly", "sends duplicate messages", "loses the user's input",
			"ignores the selected language", "fails with a server error", "renders the text too small",
			"double-charges the card", "skips the last page", "freezes after a few minutes",
			"logs the user out", "shows stale data", "rejects valid input" };

	private static final String[] CIRCUMSTANCES = { "on Safari", "after the last release", "for buyers in Germany",
			"when the cart has more than fifty items", "during a product drop", "on slow mobile networks",
			"right after midnight", "for accounts created before 2024", "when two tabs are open",
			"with a screen reader", "in dark mode", "for admins only", "when the file is larger than 20 MB",
			"while the nightly backup runs", "on Android tablets", "after changing the password" };

	private static final String[] EXTRAS = { "Customers have complained on social media.",
			"Support opened three tickets about it this week.", "It does not happen on the staging environment.",
			"The logs show a spike of retries at the same time.", "A workaround is to reload the page twice.",
			"We suspect the recent dependency upgrade.", "Marketing needs this fixed before the campaign.",
			"It started after the database migration.", "QA could reproduce it once out of ten tries.",
			"The metrics dashboard shows the error rate doubling.", "Finance noticed it in the monthly report.",
			"The vendor says their side is healthy." };

	private Corpus() {
	}

	static List<String> texts(Random random, int n) {
		List<String> texts = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			StringBuilder text = new StringBuilder();
			int sentences = 2 + random.nextInt(4);
			for (int s = 0; s < sentences; s++) {
				text.append("The ")
					.append(pick(random, COMPONENTS))
					.append(' ')
					.append(pick(random, SYMPTOMS))
					.append(' ')
					.append(pick(random, CIRCUMSTANCES))
					.append(". ")
					.append(pick(random, EXTRAS))
					.append(' ');
			}
			texts.add(text.toString().strip());
		}
		return texts;
	}

	static List<String> questions(Random random, int n) {
		List<String> questions = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			questions.add("why does the " + pick(random, COMPONENTS) + " " + pick(random, SYMPTOMS) + " "
					+ pick(random, CIRCUMSTANCES));
		}
		return questions;
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

}
