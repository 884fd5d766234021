// A task: its fields (edited with If-Match), comments, and the history with revert.
import * as api from '../api.js';
import { h, clear, field, select, flash, problemText, formData, when } from '../dom.js';
import { STATUSES, PRIORITIES } from './projects.js';
import { related } from '../knowledge.js';

export async function detail(main, { id }) {
  let task = await api.get(`/api/v1/tasks/${id}`);
  const view = h('div', {});
  const message = h('p', { role: 'status', 'aria-live': 'polite' });
  // Read once per visit, not once per save; each redraw moves the same element into place.
  const relatedEl = related(`/api/v1/tasks/${encodeURIComponent(id)}/related`);

  const apply = async (action, body) => {
    try {
      task = await api.request(action === 'revert' ? 'POST' : 'PATCH', action === 'revert' ? `/api/v1/tasks/${id}/revert` : `/api/v1/tasks/${id}`,
        { body, headers: { 'If-Match': `"${task.version}"` } }).then(r => r.body);
      message.className = 'msg ok';
      message.textContent = `Saved as version ${task.version}.`;
    } catch (problem) {
      message.className = 'msg error';
      message.textContent = problem.status === 412
        ? 'Someone else changed this task meanwhile: it was reloaded with their change; yours was not applied.'
        : problemText(problem);
      task = await api.get(`/api/v1/tasks/${id}`);
    }
    await draw();
  };

  async function draw() {
    const [comments, history] = await Promise.all([api.get(`/api/v1/tasks/${id}/comments`), api.get(`/api/v1/tasks/${id}/history`)]);
    const edit = h('form', { class: 'card' },
      field('Title', h('input', { name: 'title', value: task.title, required: true, maxlength: 200 })),
      field('Description', h('textarea', { name: 'description', maxlength: 10000, rows: 4 }, task.description || '')),
      field('Status', select('status', STATUSES, task.status)),
      field('Priority', select('priority', PRIORITIES, task.priority)),
      h('button', { type: 'submit', class: 'primary' }, 'Save'));
    edit.addEventListener('submit', event => {
      event.preventDefault();
      const data = formData(edit);
      apply('patch', { title: data.title, description: data.description || null, status: data.status, priority: data.priority });
    });
    const comment = h('form', { class: 'card' },
      field('Comment', h('textarea', { name: 'body', required: true, maxlength: 5000, rows: 3 }), 'Mention someone with @ and their e-mail.'),
      h('button', { type: 'submit' }, 'Comment'));
    comment.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        await api.post(`/api/v1/tasks/${id}/comments`, { body: formData(comment).body });
        await draw();
      } catch (problem) { flash(problemText(problem), 'error'); }
    });
    clear(view,
      h('p', {}, h('a', { href: `/projects/${task.projectId}` }, '← Back to the board')),
      h('h1', {}, task.title),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Type'), h('dd', {}, task.type), h('dt', {}, 'Version'), h('dd', {}, String(task.version)),
        h('dt', {}, 'Assignee'), h('dd', {}, task.assigneeName || '—'), h('dt', {}, 'Updated'), h('dd', {}, when(task.updatedAt))),
      message, edit, relatedEl,
      h('h2', {}, `Comments (${comments.items.length})`),
      h('ul', { class: 'plain comments' }, comments.items.map(c => h('li', {}, h('strong', {}, c.authorName), ` · ${when(c.createdAt)}`, h('p', {}, c.body)))),
      comment,
      h('h2', {}, 'History'),
      h('ol', { class: 'history' }, history.items.map(v => h('li', {},
        h('strong', {}, `v${v.version} ${v.action}`), ` by ${v.changedByName || v.changedBy} · ${when(v.changedAt)} `,
        h('span', {}, Object.entries(v.changes || {}).map(([f, c]) => `${f}: ${fmt(c.from)} → ${fmt(c.to)}`).join('; ')),
        v.version < task.version ? h('button', { type: 'button', class: 'link', onclick: () => apply('revert', { version: v.version }) }, `Revert to v${v.version}`) : null))));
    view.querySelector('h1').setAttribute('tabindex', '-1');
  }

  main.append(view);
  await draw();
}

function fmt(value) {
  if (value === null || value === undefined) return '∅';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
