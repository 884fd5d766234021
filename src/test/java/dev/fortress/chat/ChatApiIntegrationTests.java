package dev.fortress.chat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.fortress.files.FileReadPolicy;
import dev.fortress.identity.CurrentUser;
import dev.fortress.identity.Role;
import dev.fortress.platform.web.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What other modules rely on: {@link ChatApi} for the WebSocket transport, one
 * {@link ChannelEvent} per appended event, and the read policy of attached files.
 */
@RecordApplicationEvents
class ChatApiIntegrationTests extends ChatTest {

	@Autowired
	ChatApi chat;

	@Autowired
	FileReadPolicy files;

	@Autowired
	ApplicationEvents events;

	@Test
	void aStompSendPostsOncePerClientMessageIdAndEachAppendIsPublishedOnce() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		UUID channel = UUID.fromString(channel(owner, "Live", true));
		addMember(owner, channel.toString(), member, "MEMBER");
		CurrentUser author = new CurrentUser(member.id(), Role.EDITOR);

		ChatMessage first = this.chat.post(author, channel, "over the socket", null, "client-1");
		ChatMessage again = this.chat.post(author, channel, "over the socket", null, "client-1");
		ChatMessage reply = this.chat.post(author, channel, "and a reply", first.id(), null);
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(reply.parentId()).isEqualTo(first.id());
		assertThat(reply.seq()).isEqualTo(first.seq() + 1);

		List<ChannelEvent> published = this.events.stream(ChannelEvent.class)
			.filter((event) -> event.channelId().equals(channel))
			.toList();
		assertThat(published).extracting(ChannelEvent::seq).containsExactly(first.seq(), reply.seq());
		assertThat(published).extracting(ChannelEvent::type).containsExactly("posted", "posted");
		assertThat(published.get(0).message()).isEqualTo(first);

		assertThat(this.chat.canRead(channel, author)).isTrue();
		assertThat(this.chat.canRead(channel, new CurrentUser(outsider.id(), Role.EDITOR))).isFalse();
		assertThat(this.chat.canRead(UUID.randomUUID(), author)).isFalse();
		assertThat(this.chat.memberIds(channel)).containsExactlyInAnyOrder(owner.id(), member.id());
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.chat.post(new CurrentUser(outsider.id(), Role.EDITOR), channel, "hi", null, null))
			.satisfies((ex) -> assertThat(ex.type().status().value()).isEqualTo(404));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.chat.post(author, channel, " ", null, null))
			.satisfies((ex) -> assertThat(ex.type().status().value()).isEqualTo(400));
	}

	@Test
	void aFileAttachedToAMessageIsReadableByTheChannelsReadersUnlessTheMessageIsHeldOrDeleted() {
		LoggedIn owner = loggedIn("EDITOR");
		LoggedIn member = loggedIn("EDITOR");
		LoggedIn outsider = loggedIn("EDITOR");
		String channel = channel(owner, "Files", true);
		addMember(owner, channel, member, "READER");
		String message = posted(owner, channel, "see attached");
		UUID file = UUID.randomUUID();
		// the files module is another helper's: attach as the projection would have
		this.jdbc
			.sql("update chat_messages set attachment_ids = array[cast(:file as uuid)] where id = cast(:id as uuid)")
			.param("file", file)
			.param("id", message)
			.update();

		assertThat(this.files.mayRead(file, member.id())).isTrue();
		assertThat(this.files.mayRead(file, outsider.id())).isFalse();
		assertThat(this.files.mayRead(UUID.randomUUID(), member.id())).isFalse();
		this.jdbc.sql("update chat_messages set held = true where id = cast(:id as uuid)")
			.param("id", message)
			.update();
		assertThat(this.files.mayRead(file, member.id())).as("attached to a held message").isFalse();
		this.jdbc.sql("update chat_messages set held = false where id = cast(:id as uuid)")
			.param("id", message)
			.update();
		assertThat(this.files.mayRead(file, member.id())).isTrue();
		this.http.delete("/api/v1/messages/" + message).token(owner.accessToken()).send();
		assertThat(this.files.mayRead(file, member.id())).isFalse();
	}

}
