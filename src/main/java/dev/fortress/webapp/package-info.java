/**
 * The web app: TaskForge, Drop, chat and the operator's console in the browser. It is
 * plain ES modules and CSS served as static files (no build step, no Node.js; ADR 0100),
 * a client of the public API like any other: it holds no business logic and calls no
 * module directly. This module only serves the shell page for every client-side route and
 * the files under {@code /assets}.
 */
package dev.fortress.webapp;
