// One article: its rendered body, the status steps the caller may take (DRAFT → REVIEW →
// PUBLISHED), the markdown editor, and its versions with their diffs and revert. Who may
// do what follows docs/knowledge.md: the author writes drafts and reviews, publishers (the
// project's owners, or admins for a workspace article) publish. The server decides; the
// page only offers what it would allow and shows its answer when it does not.
import * as api from '../api.js';
import { h, clear, field, formData, showProblem, when } from '../dom.js';
import { fragment } from '../html.js';
import { STATUS_LABEL, tagsOf } from './articles.js';

export async function detail(main, { id }) {
  let article = await api.get(`/api/v1/articles/${encodeURIComponent(id)}`);
  const me = api.user();
  const project = article.projectId ? await api.get(`/api/v1/projects/${article.projectId}`).catch(() => null) : null;
  const publisher = me.role === 'ADMIN' || (me.role !== 'VIEWER' && project !== null && project.role === 'OWNER');
  const author = article.authorId === me.id && me.role !== 'VIEWER';
  const view = h('div', {});
  const message = h('div', { id: 'article-message', role: 'status', 'aria-live': 'polite' });
  const say = (text, kind = 'ok') => clear(message, h('p', { class: `msg ${kind}` }, text));

  const change = async (method, path, body, form) => {
    try {
      article = await api.request(method, path, { body }).then(r => r.body);
      say(`Saved as version ${article.version}: ${STATUS_LABEL[article.status]}.`);
      draw();
    } catch (problem) {
      if (form) showProblem(form, problem, message);
      else say(problem.status ? problem.detail || problem.title : 'The server cannot be reached; try again.', 'error');
    }
  };

  function draw() {
    const canEdit = publisher || (author && article.status !== 'PUBLISHED');
    const steps = author || publisher ? transitions(article.status, publisher) : [];
    clear(view,
      h('p', {}, h('a', { href: '/articles' }, '← All articles')),
      h('h1', {}, article.title),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Status'), h('dd', { id: 'article-status' }, STATUS_LABEL[article.status] || article.status),
        h('dt', {}, 'Project'), h('dd', {}, project ? h('a', { href: `/projects/${project.id}` }, project.name) : 'Workspace'),
        h('dt', {}, 'Tags'), h('dd', {}, article.tags.length ? article.tags.map(tag => h('a', { href: `/articles?tag=${encodeURIComponent(tag)}`, class: 'tag' }, tag)) : '—'),
        h('dt', {}, 'Version'), h('dd', {}, String(article.version)),
        h('dt', {}, 'Updated'), h('dd', {}, when(article.updatedAt))),
      message,
      steps.length ? h('div', { class: 'actions', id: 'article-actions' }, steps.map(([status, label]) =>
        h('button', { type: 'button', class: status === 'PUBLISHED' ? 'primary' : null, dataset: { status },
          onclick: () => change('PATCH', `/api/v1/articles/${article.id}`, { status }) }, label))) : null,
      // Rendered and sanitised by the server; html.js parses it inertly and checks it again.
      h('article', { class: 'card article-body', id: 'article-body', 'aria-label': 'Article' }, fragment(article.html)),
      canEdit ? editor() : null,
      versions(canEdit));
  }

  function editor() {
    const form = h('form', { id: 'article-edit', novalidate: true },
      field('Title', h('input', { name: 'title', value: article.title, required: true, maxlength: 200 })),
      field('Tags', h('input', { name: 'tags', value: article.tags.join(', '), maxlength: 1100 }), 'Separated by commas.'),
      field('Body', h('textarea', { name: 'body', rows: 14, maxlength: 100000, class: 'markdown' }, article.body),
        'Markdown; the article above shows it rendered once saved.'),
      h('button', { type: 'submit', class: 'primary' }, 'Save'));
    form.addEventListener('submit', event => {
      event.preventDefault();
      const data = formData(form);
      change('PATCH', `/api/v1/articles/${article.id}`, { title: data.title, body: data.body, tags: tagsOf(data.tags) }, form);
    });
    return h('details', { class: 'panel', id: 'editor', open: article.status === 'DRAFT' && author },
      h('summary', {}, h('h2', {}, 'Edit')), form);
  }

  function versions(canEdit) {
    const listEl = h('ol', { class: 'plain versions' });
    const panel = h('details', { class: 'panel', id: 'versions' }, h('summary', {}, h('h2', {}, 'Versions')), listEl);
    panel.addEventListener('toggle', async () => {
      if (!panel.open) return;
      try {
        const items = (await api.get(`/api/v1/articles/${article.id}/versions`)).items;
        clear(listEl, items.slice().reverse().map(v => h('li', { class: 'card', dataset: { version: v.version } },
          h('strong', {}, `v${v.version} · ${STATUS_LABEL[v.status] || v.status}`),
          ` · ${v.editedBy === me.id ? 'you' : `user …${String(v.editedBy).slice(-6)}`} · ${when(v.createdAt)} · “${v.title}”`,
          v.diff.length ? h('pre', { class: 'diff', 'aria-label': `Changes in version ${v.version}` },
            v.diff.map(line => h('span', { class: line.startsWith('+') ? 'added' : 'removed' }, `${line}\n`))) : null,
          canEdit && v.version < article.version ? h('button', { type: 'button', class: 'link',
            onclick: () => change('POST', `/api/v1/articles/${article.id}/revert`, { version: v.version }) }, `Revert to v${v.version}`) : null)));
      } catch (problem) {
        clear(listEl, h('li', { class: 'msg error' }, problem.status ? problem.detail || problem.title : 'The versions cannot be read now.'));
      }
    });
    return panel;
  }

  main.append(view);
  draw();
}

/** The steps from a status: [next status, button label]; only publishers publish. */
function transitions(status, publisher) {
  const publish = publisher ? [['PUBLISHED', 'Publish']] : [];
  if (status === 'DRAFT') return [['REVIEW', 'Submit for review'], ...publish];
  if (status === 'REVIEW') return [...publish, ['DRAFT', 'Back to draft']];
  return [['DRAFT', 'Unpublish (back to draft)']];
}
