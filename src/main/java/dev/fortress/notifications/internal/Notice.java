package dev.fortress.notifications.internal;

import java.util.Map;
import java.util.UUID;

/**
 * One person to tell about one event.
 *
 * @param userId who
 * @param kind what about
 * @param path the web app path the message links to
 * @param model the template's values, besides the recipient's name and the link
 */
record Notice(UUID userId, Kind kind, String path, Map<String, Object> model) {
}
