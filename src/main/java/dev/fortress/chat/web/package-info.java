/**
 * Chat's HTTP adapter: channels, members, direct conversations, messages, read markers
 * and search under {@code /api/v1}.
 */
@NullMarked
package dev.fortress.chat.web;

import org.jspecify.annotations.NullMarked;
