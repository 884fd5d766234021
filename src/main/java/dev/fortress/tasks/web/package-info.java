/** TaskForge's HTTP API (see API.md, TaskForge section). */
@NullMarked
package dev.fortress.tasks.web;

import org.jspecify.annotations.NullMarked;
