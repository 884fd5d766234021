package dev.fortress.knowledge.answers;

/**
 * Where an answer goes as it is made: pieces of text, then the whole answer once. The web
 * layer writes them as Server-Sent Events; a sink that cannot deliver (the client went
 * away) throws, and the answer stops.
 */
public interface AnswerSink {

	void delta(String text);

	void done(Answer answer);

}
