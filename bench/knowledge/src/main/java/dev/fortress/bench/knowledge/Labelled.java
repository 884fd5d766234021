package dev.fortress.bench.knowledge;

import java.util.List;

/**
 * The labelled question set: short documents of the kinds Fortress indexes (tasks,
 * articles, products, messages) and, for each, a question a user might ask whose answer
 * is in it, worded differently from the document where possible.
 */
final class Labelled {

	record Doc(String id, String title, String text) {
	}

	record Question(String text, String docId) {
	}

	static final List<Doc> DOCS = List.of(
			new Doc("vpn", "Connecting to the office VPN",
					"Install the WireGuard client, import the profile from the IT portal and sign in with your SSO "
							+ "account. The tunnel must be on to reach the staging servers."),
			new Doc("expenses", "How to file travel expenses",
					"Upload receipts in the finance tool within 30 days of the trip. Meals are reimbursed up to "
							+ "40 euros a day; taxis only when no public transport runs."),
			new Doc("oncall", "On-call rotation",
					"Each engineer is on call one week in six. Pages go to the phone app; acknowledge within 15 "
							+ "minutes or the page escalates to the team lead."),
			new Doc("deploy", "Deploying to production",
					"Merge to main, wait for the pipeline to go green, then approve the production stage. Deploys "
							+ "are frozen on Fridays after 3 pm."),
			new Doc("leave", "Requesting holidays",
					"Book annual leave in the HR system at least two weeks ahead; your manager approves it. Unused "
							+ "days carry over until the end of March."),
			new Doc("laptop", "Replacing a broken laptop",
					"Open a ticket with IT describing the damage. A loaner machine is available the same day; the "
							+ "replacement arrives within a week."),
			new Doc("password", "Resetting your password",
					"Use the forgot-password link on the login page. The reset e-mail expires after one hour and "
							+ "the new password must have at least 12 characters."),
			new Doc("bug-checkout", "Checkout fails for expired cards",
					"Customers whose card has expired get a generic error instead of a prompt to update the card. "
							+ "Happens on web and mobile."),
			new Doc("bug-upload", "Crash when uploading large photos",
					"The mobile app closes when a picture larger than 20 MB is uploaded from the gallery."),
			new Doc("bug-email", "Order confirmation sent twice",
					"Some buyers receive the confirmation e-mail two times for one order, minutes apart."),
			new Doc("bug-font", "Header text too small on tablets",
					"On an iPad in portrait mode the navigation labels are hard to read."),
			new Doc("feature-dark", "Dark mode for the dashboard",
					"Users ask for a dark theme to reduce eye strain when working at night."),
			new Doc("feature-export", "Export tasks to a spreadsheet",
					"Project managers want to download their task list as CSV to open it in Excel."),
			new Doc("product-boots", "Trail running shoes",
					"Lightweight trail shoes with a grippy outsole and a waterproof membrane, for muddy paths."),
			new Doc("product-jacket", "Insulated winter parka",
					"A down-filled parka rated to minus 20 degrees, with a fur-lined hood and deep pockets."),
			new Doc("product-bottle", "Steel water bottle",
					"Double-walled stainless bottle that keeps drinks cold for 24 hours and hot for 12."),
			new Doc("product-headphones", "Noise-cancelling headphones",
					"Over-ear wireless headphones that block out engine and office noise, 30-hour battery."),
			new Doc("product-tent", "Two-person backpacking tent",
					"A 1.5 kg tent that pitches in five minutes and stands up to strong wind and rain."),
			new Doc("msg-lunch", "Team lunch on Thursday",
					"We are booking the Italian place around the corner for Thursday at noon, reply if you join."),
			new Doc("msg-outage", "Database outage this morning",
					"The primary database ran out of disk at 7:40; we failed over to the replica and service was "
							+ "back by 8:05."),
			new Doc("msg-release", "Release 4.2 is out",
					"Version 4.2 ships the new search page and fixes the slow report export."),
			new Doc("parking", "Parking at the office",
					"Employees can park in level -2 of the garage with their badge; visitors use level -1."),
			new Doc("security", "Reporting a security incident",
					"If you suspect a phishing e-mail or a compromised account, forward it to security@ and lock "
							+ "your session. Do not click links in the message."),
			new Doc("coffee", "The coffee machine",
					"Descale the espresso machine every Monday; beans are in the cupboard above the sink."),
			new Doc("review", "Code review guidelines",
					"Every pull request needs one approval. Keep changes under 400 lines and explain why, not what."),
			new Doc("backup", "Backups and restores",
					"The database is backed up every night and kept for 30 days; a restore drill runs each quarter."),
			new Doc("refund", "Refund policy",
					"Unworn items can be returned within 30 days for a full refund to the original payment method."),
			new Doc("shipping", "Shipping times",
					"Orders leave the warehouse within one business day; delivery takes two to four days in the EU."),
			new Doc("drop", "How a product drop works",
					"Limited sneakers go on sale at a fixed time; each buyer may reserve one pair and must pay "
							+ "within ten minutes."),
			new Doc("onboarding", "Your first week",
					"Collect your badge at reception, meet your buddy, and set up your laptop with IT on day one."));

	static final List<Question> QUESTIONS = List.of(new Question("how do I get on the company network from home", "vpn"),
			new Question("how much can I claim for food on a business trip", "expenses"),
			new Question("what happens if I miss a page while on duty", "oncall"),
			new Question("can I ship code on a friday afternoon", "deploy"),
			new Question("how early do I need to ask for vacation", "leave"),
			new Question("my computer screen cracked, what now", "laptop"),
			new Question("I forgot my login credentials", "password"),
			new Question("payment refused because the bank card is out of date", "bug-checkout"),
			new Question("app quits when sending a big image", "bug-upload"),
			new Question("customers get duplicate emails after buying", "bug-email"),
			new Question("letters hard to see on an ipad", "bug-font"),
			new Question("black background theme request", "feature-dark"),
			new Question("download my tasks as csv for excel", "feature-export"),
			new Question("shoes for running in the mud", "product-boots"),
			new Question("warm coat for very cold weather", "product-jacket"),
			new Question("something to keep my tea hot all day", "product-bottle"),
			new Question("headset that blocks airplane noise", "product-headphones"),
			new Question("lightweight shelter for hiking trips", "product-tent"),
			new Question("where are we eating together this week", "msg-lunch"),
			new Question("why was the site down early today", "msg-outage"),
			new Question("what is new in the latest version", "msg-release"),
			new Question("where can I leave my car", "parking"),
			new Question("I clicked a suspicious link in an email", "security"),
			new Question("how to clean the espresso maker", "coffee"),
			new Question("how many approvals does a pull request need", "review"),
			new Question("how long do we keep database copies", "backup"),
			new Question("can I send back something I bought", "refund"),
			new Question("when will my parcel arrive", "shipping"),
			new Question("how long do I have to pay for reserved sneakers", "drop"),
			new Question("what do I do on my first day", "onboarding"));

	private Labelled() {
	}

}
