// Search everything the caller may read (GET /api/v1/search): tasks, comments, messages,
// products and articles by words and by meaning. The query and the type filter live in
// the address, so a search can be bookmarked and back and forward step through searches.
import * as api from '../api.js';
import { h, put, clear, field, problemText } from '../dom.js';
import { navigate } from '../router.js';
import { TYPES, titleOf } from '../knowledge.js';

export async function page(main, _params, query) {
  const q = (query.get('q') || '').trim();
  const chosen = new Set((query.get('types') || '').split(',').filter(t => TYPES.some(([type]) => type === t)));
  const input = h('input', { name: 'q', type: 'search', value: q, maxlength: 500, required: true });
  const chips = h('fieldset', { class: 'chips' }, h('legend', {}, 'Only'),
    TYPES.map(([type, label]) => h('label', { class: 'chip' },
      h('input', { type: 'checkbox', name: 'types', value: type, checked: chosen.has(type) }), label)));
  const form = h('form', { class: 'inline search-form', role: 'search', id: 'search-form' },
    field('Search for', input), chips,
    h('button', { type: 'submit', class: 'primary' }, 'Search'),
    h('a', { href: `/ask${q ? api.query({ q }) : ''}`, class: 'button' }, 'Ask instead'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const types = Array.from(form.querySelectorAll('input[name=types]:checked')).map(box => box.value).join(',');
    navigate(`/search${api.query({ q: input.value.trim(), types })}`);
  });
  // A chip applies at once when there is a query to apply it to.
  chips.addEventListener('change', () => { if (input.value.trim()) form.requestSubmit(); });
  const status = h('p', { id: 'search-status', role: 'status', 'aria-live': 'polite' });
  const results = h('ol', { class: 'plain results', id: 'results' });
  put(main, h('h1', {}, q ? `Search: ${q}` : 'Search'), form, status, results);
  if (!q) {
    status.textContent = 'Type what you are looking for: words or a description of it.';
    return;
  }
  try {
    const answer = await api.get(`/api/v1/search${api.query({ q, types: Array.from(chosen).join(','), limit: 20 })}`);
    const items = answer.items || [];
    status.textContent = items.length ? `${items.length} result${items.length === 1 ? '' : 's'}.`
      : 'Nothing found. Try other words, or fewer filters.';
    clear(results, items.map(r => h('li', { class: 'card result', dataset: { type: r.type, id: r.id } },
      h('span', { class: 'type' }, r.type), ' ', h('strong', {}, titleOf(r)),
      // Snippets are plain text: a text node, never markup.
      r.snippet ? h('p', { class: 'snippet' }, r.snippet) : null)));
  } catch (problem) {
    status.className = 'msg error';
    status.textContent = problem instanceof api.Problem
      ? `The search failed: ${problemText(problem)}` : 'The server cannot be reached; try again.';
    if (problem.status === 401) throw problem;
  }
}
