// Ask a question of everything the caller may read (POST /api/v1/ask). The answer comes
// as an event stream: "delta" frames with the next piece of text, then one "done" frame
// with the final answer and its citations. EventSource cannot POST, so the body is read
// with fetch and parsed by sse.js. Streamed text is shown as plain text; the final answer
// turns its [n] markers into links to the cited sources.
import * as api from '../api.js';
import { h, put, clear, field, select, problemText } from '../dom.js';
import { parser, deltaText } from '../sse.js';
import { TYPES, pageOf, titleOf } from '../knowledge.js';
import { projects } from './articles.js';

export async function page(main, _params, query) {
  const mine = await projects();
  const question = h('textarea', { name: 'question', rows: 3, required: true, maxlength: 2000 }, query.get('q') || '');
  const form = h('form', { class: 'card', id: 'ask-form' },
    field('Your question', question),
    field('Project', select('projectId', [['', 'Everything I may read'], ...mine.map(p => [p.id, p.name])], '')),
    h('fieldset', { class: 'chips' }, h('legend', {}, 'Only'), TYPES.map(([type, label]) =>
      h('label', { class: 'chip' }, h('input', { type: 'checkbox', name: 'types', value: type }), label))),
    h('button', { type: 'submit', class: 'primary' }, 'Ask'));
  const answer = h('section', { id: 'answer', 'aria-labelledby': 'answer-title', 'aria-live': 'polite', hidden: true });
  let controller = null;
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (controller) controller.abort();
    controller = new AbortController();
    const types = Array.from(form.querySelectorAll('input[name=types]:checked')).map(box => box.value);
    const projectId = form.querySelector('select[name=projectId]').value;
    const scope = {};
    if (projectId) scope.projectId = projectId;
    if (types.length) scope.types = types;
    const body = { question: question.value.trim() };
    if (Object.keys(scope).length) body.scope = scope;
    ask(body, answer, form.querySelector('button[type=submit]'), controller.signal);
  });
  put(main, h('h1', {}, 'Ask'), h('p', {}, 'Answers come from the tasks, comments, messages, products and articles you may read, with their sources.'),
    form, answer);
  return () => { if (controller) controller.abort(); };
}

async function ask(body, answer, button, signal) {
  const text = h('p', { class: 'answer-text', id: 'answer-text' });
  const status = h('p', { id: 'answer-status' });
  clear(answer, h('h2', { id: 'answer-title' }, 'Answer'), status, text);
  answer.hidden = false;
  answer.setAttribute('aria-busy', 'true');
  button.disabled = true;
  status.textContent = 'Thinking…';
  let finished = false;
  try {
    const response = await api.stream('POST', '/api/v1/ask', { body, signal });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const frames = parser(({ event, data }) => {
      if (event === 'delta') text.append(deltaText(data));
      else if (event === 'done') { finished = true; done(JSON.parse(data), answer, text, status); }
      else if (event === 'error') { finished = true; fail(status, deltaText(data) || 'The answer failed.'); }
    });
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      frames.push(decoder.decode(value, { stream: true }));
    }
    frames.push(decoder.decode());
    frames.end();
    if (!finished) fail(status, 'The answer was cut off before it was complete; try again.');
  } catch (problem) {
    if (signal.aborted) return;
    if (problem instanceof api.Problem) {
      fail(status, problem.status === 404 ? 'Asking is not available on this server yet.'
        : problem.status === 429 ? `${problem.detail || 'Too many questions.'}${problem.retryAfter ? ` Try again in ${problem.retryAfter} s.` : ''}`
          : problemText(problem));
    } else {
      fail(status, finished ? 'The answer could not be shown.' : 'The server cannot be reached; try again.');
    }
  } finally {
    answer.setAttribute('aria-busy', 'false');
    button.disabled = false;
  }
}

function fail(status, message) {
  status.className = 'msg error';
  status.setAttribute('role', 'alert');
  status.textContent = message;
}

/** The final answer: [n] markers link to their sources, the sources listed below. */
function done(result, answer, text, status) {
  const citations = result.citations || [];
  const byNumber = new Map(citations.map(c => [String(c.n), c]));
  clear(status, result.generated === false ? h('span', { class: 'msg warn', id: 'not-generated' }, 'Generation is off — these are the most relevant passages.') : '');
  status.className = '';
  clear(text, String(result.answer || '').split(/(\[\d+\])/).map(part => {
    const cited = /^\[(\d+)\]$/.exec(part) && byNumber.get(part.slice(1, -1));
    if (!cited) return part;
    return h('a', { href: pageOf(cited) || `#cite-${cited.n}`, class: 'cite', title: cited.title || null }, part);
  }));
  if (citations.length) {
    answer.append(h('h3', {}, 'Sources'), h('ol', { class: 'plain citations', id: 'citations' }, citations.map(c =>
      h('li', { id: `cite-${c.n}` }, `[${c.n}] `, h('span', { class: 'type' }, c.type), ' ', titleOf(c)))));
  }
}
