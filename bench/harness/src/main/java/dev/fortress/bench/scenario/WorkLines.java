package dev.fortress.bench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Chat lines for the moderation scenario. {@link #ordinary} are the messages of a working
 * team — stand-ups, pull request reviews, incidents, questions, plans — made from
 * templates and slots as {@code bench/knowledge}'s corpus is, with the vocabulary that
 * trips naive filters on purpose (kill, free, bank, stupid, winner, crypto, click).
 * {@link #SPAM} and {@link #ABUSE} are written for this benchmark and are not lines of
 * the product's labelled set ({@code moderation/labelled.tsv}).
 */
final class WorkLines {

	private static final String[] PEOPLE = { "Ann", "Sam", "Priya", "Tomás", "Lena", "Kofi", "Mei", "Jonas", "Aisha",
			"Marco" };

	private static final String[] PARTS = { "checkout service", "login page", "search index", "export job",
			"payment webhook", "mobile build", "admin dashboard", "invoice generator", "cache layer",
			"release pipeline", "notification worker", "orders table", "API gateway", "feature flag service",
			"chat widget", "password reset flow", "crypto library", "bank transfer file", "free tier quota",
			"click tracking" };

	private static final String[] STANDUP = {
			"Yesterday I finished the %s changes, today I'm pairing with %s on tests.",
			"Still working on the %s, should have a PR up after lunch.",
			"Blocked on the %s until %s answers about the schema, picking up small tickets meanwhile.",
			"Today: code review for %s, then the flaky test in the %s.",
			"I was off yesterday afternoon, catching up on the %s tickets now.",
			"Done with the %s spike, writing up what I found for %s." };

	private static final String[] REVIEW = { "Left a few comments on your %s PR, mostly naming, looks good otherwise.",
			"Could you split the %s refactor from the bug fix? Easier to review that way.",
			"Approved the %s change, just rebase before merging please.",
			"Why do we kill the connection in the %s instead of returning it to the pool?",
			"Nit: the %s test name says success but it checks the error path.",
			"This %s PR needs a migration note for %s before we merge." };

	private static final String[] INCIDENT = { "Heads up: the %s is returning 500s since the deploy, rolling back now.",
			"Incident update: %s latency is back to normal, postmortem on Thursday with %s.",
			"The %s alert fired twice overnight, looks like the disk filled up again.",
			"We had to kill the stuck %s process, the queue is draining now.",
			"Customers report the %s is slow, I'm looking at the traces.",
			"The %s certificate expires next week, %s is renewing it today." };

	private static final String[] QUESTION = { "Does anyone know who owns the %s these days?",
			"Where do I find the runbook for the %s?", "Is the %s supposed to retry on a timeout or fail fast?",
			"Can someone give me access to the %s logs? %s said to ask here.",
			"Quick question: do we still need the old %s endpoint?",
			"What's the plan for the %s after the free trial ends?" };

	private static final String[] PLAN = { "Let's move the %s demo to Friday so %s can join.",
			"I'll write the design doc for the %s this week, comments welcome.",
			"Proposal: we freeze changes to the %s during the sale weekend.",
			"The winner of the %s naming poll is in, thanks everyone for voting.",
			"This is a stupid mistake on my side, I pushed the %s config to the wrong branch, fixing it.",
			"Reminder: retro at four, bring one thing about the %s that went well." };

	private static final String[][] FAMILIES = { STANDUP, REVIEW, INCIDENT, QUESTION, PLAN };

	static final List<String> SPAM = List.of("Earn 500 dollars a day from your phone, message me to learn how",
			"Guaranteed returns on our new token presale, only a few spots left",
			"You have been selected for a free vacation, send your details to claim it",
			"Get a loan today with no credit check, approval in five minutes",
			"Cheap designer handbags and luxury watches, wholesale prices, ship worldwide",
			"Grow your Instagram to ten thousand followers overnight, real accounts",
			"Your parcel is waiting, pay the customs fee at the tracking page to release it",
			"I made thirty thousand last month trading options, ask me for my secret signals",
			"Win a brand new car, just answer three questions and share with friends",
			"Miracle supplement melts belly fat without diet or exercise",
			"Online casino with instant withdrawals, welcome bonus of two hundred percent",
			"Buy verified accounts and cheap reviews for your shop here",
			"Dear friend, I am a prince and need your help to move my fortune abroad",
			"Your mailbox is full, log in here to keep receiving messages",
			"Part time job offer, like videos and get paid fifty dollars per task",
			"Exclusive airdrop for early users, connect your wallet to receive tokens",
			"Hot deals on replica phones, message me on WhatsApp for the price list",
			"Cure diabetes naturally with this one herb doctors hate",
			"Download the premium version cracked, all features unlocked for free",
			"Meet beautiful girls tonight, no sign up needed, just click my profile",
			"Become a millionaire in ninety days with my online coaching program",
			"We buy your old gold jewelry for top cash, call now",
			"Refinance your mortgage today at the lowest rate ever offered",
			"Follow my page for daily giveaways of gaming consoles and gift cards",
			"Cheap essay writing service, plagiarism free, delivered in one hour",
			"Investment opportunity: send one bitcoin and receive two back tomorrow",
			"Unlimited streaming of every movie for one dollar, sign up at my site",
			"Congratulations winner, your email was drawn in our international lottery",
			"Work from your couch and earn more than your boss, limited places",
			"Best prices on prescription pills shipped discreetly to your door",
			"Verify your account now or it will be deleted within 24 hours",
			"Boost sales with our mailing list of fifty million verified emails",
			"Psychic reading today reveals your future love and fortune",
			"Get paid to test products at home, just cover the shipping",
			"Huge discount on gaming skins, trade with me for cheap coins",
			"I can hack any account for you, fast and confidential service",
			"Lose weight fast with our keto pills, results in three days",
			"Sign up now for free bets on tonight's football matches",
			"Make your website rank first on Google in a week, guaranteed",
			"Passive income secret the banks don't want you to know");

	static final List<String> ABUSE = List.of("You're a useless idiot and everybody on this team knows it",
			"Shut your mouth, your ideas are as dumb as you are", "I know where you park your car, watch your back",
			"What a worthless excuse for an engineer, just resign already",
			"Nobody asked for your garbage opinion, you clown",
			"You should be ashamed, a child could write better code than you, moron",
			"Get out of this channel, you pathetic loser",
			"I'm going to make sure you never work in this industry again", "You disgusting pig, stop talking to me",
			"People like you are too stupid to be allowed near a computer", "Go die somewhere, nobody would miss you",
			"You brainless fool, you broke production again", "Your face makes me sick, you ugly freak",
			"I swear I will hurt you if you touch my code again", "Everyone laughs at you behind your back, you idiot",
			"You are trash and your whole team is trash", "Keep crying, you spineless coward",
			"Only a complete imbecile would write something this bad",
			"I hope something terrible happens to you and your family",
			"You are a lying, incompetent fraud and I'll tell everyone");

	/** The seed and number of the ordinary lines of the quality run. */
	static final long QUALITY_SEED = 29;

	static final int QUALITY_LINES = 300;

	private WorkLines() {
	}

	/** {@code n} distinct ordinary lines, the same for the same seed. */
	static List<String> ordinary(long seed, int n) {
		Random random = new Random(seed);
		Set<String> lines = new LinkedHashSet<>();
		int tries = 0;
		while (lines.size() < n && tries++ < n * 50) {
			String[] family = FAMILIES[random.nextInt(FAMILIES.length)];
			String template = family[random.nextInt(family.length)];
			String line = String.format(template, pick(random, PARTS), pick(random, PEOPLE));
			lines.add(line);
		}
		return new ArrayList<>(lines);
	}

	/** Ordinary line {@code n} of an endless series (for load: every message differs). */
	static String ordinary(long n) {
		Random random = new Random(n);
		String[] family = FAMILIES[random.nextInt(FAMILIES.length)];
		return String.format(family[random.nextInt(family.length)], pick(random, PARTS), pick(random, PEOPLE)) + " ("
				+ n + ")";
	}

	/**
	 * Prints the quality run's lines as {@code label<TAB>text} ({@code ok}, {@code spam},
	 * {@code abuse}), for {@code bench/knowledge}'s in-process threshold sweep.
	 */
	public static void main(String[] args) {
		ordinary(QUALITY_SEED, QUALITY_LINES).forEach((line) -> System.out.println("ok\t" + line));
		SPAM.forEach((line) -> System.out.println("spam\t" + line));
		ABUSE.forEach((line) -> System.out.println("abuse\t" + line));
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

}
