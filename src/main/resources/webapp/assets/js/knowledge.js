// What the knowledge API returns, as the pages show it: where a result lives in the app,
// and the small "Related" list of the task and product pages.
import * as api from './api.js';
import { h, clear } from './dom.js';

export const TYPES = [['task', 'Tasks'], ['comment', 'Comments'], ['message', 'Messages'], ['product', 'Products'], ['article', 'Articles']];

/**
 * The page of a result, or null when it has none of its own: a result is {type, id, …},
 * and a comment or a message does not say which task or channel it belongs to.
 */
export function pageOf(result) {
  const base = { task: '/tasks/', product: '/products/', article: '/articles/' }[result.type];
  return base && result.id ? base + encodeURIComponent(result.id) : null;
}

/** The title, as a link to its page when it has one. */
export function titleOf(result) {
  const href = pageOf(result);
  const title = result.title || '(untitled)';
  return href ? h('a', { href }, title) : h('span', {}, title);
}

/**
 * A "Related" section filled from path ({items: [result]}); it stays hidden when there is
 * nothing related, or the answer fails: related items are a hint, never in the way.
 */
export function related(path, id = 'related') {
  const list = h('ul', { class: 'plain related-list' });
  const section = h('section', { class: 'panel related', id, 'aria-labelledby': `${id}-title`, hidden: true },
    h('h2', { id: `${id}-title` }, 'Related'), list);
  api.get(path).then(answer => {
    const items = (answer && answer.items) || [];
    if (!items.length) return;
    // For a bug, the API names the related bugs close enough to be the same one.
    const duplicates = new Set(((answer && answer.duplicates) || []).map(r => r.id));
    clear(list, items.map(r => h('li', { dataset: { type: r.type, id: r.id } },
      h('span', { class: 'type' }, r.type), ' ', titleOf(r),
      duplicates.has(r.id) ? h('span', { class: 'hint duplicate' }, ' — possibly the same bug') : null)));
    section.hidden = false;
  }).catch(() => {});
  return section;
}
