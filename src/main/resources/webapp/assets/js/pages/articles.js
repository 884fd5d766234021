// The knowledge base: the articles the caller may see, filtered as the API allows
// (words, tag, project, status), and a new article (a DRAFT, in a project or for the
// whole workspace). One article, its editor and versions are in article.js.
import * as api from '../api.js';
import { h, put, clear, field, select, formData, showProblem, when } from '../dom.js';
import { navigate } from '../router.js';

export const STATUS_LABEL = { DRAFT: 'Draft', REVIEW: 'In review', PUBLISHED: 'Published' };

/** The projects the caller can read, for the project lists; none when they cannot be read. */
export const projects = () => api.all('/api/v1/projects', 200).catch(() => []);

/** "a, B ,c" → ["a", "b", "c"]; the server normalises too, this only splits. */
export const tagsOf = text => String(text || '').split(',').map(tag => tag.trim()).filter(Boolean);

export async function list(main, _params, query) {
  const mine = await projects();
  const filters = h('form', { class: 'inline', role: 'search', id: 'article-filters' },
    field('Words', h('input', { name: 'q', type: 'search', value: query.get('q') || '', maxlength: 200 })),
    field('Tag', h('input', { name: 'tag', value: query.get('tag') || '', maxlength: 50 })),
    field('Project', select('projectId', [['', 'Any'], ...mine.map(p => [p.id, p.name])], query.get('projectId') || '')),
    field('Status', select('status', [['', 'Any'], ...Object.entries(STATUS_LABEL)], query.get('status') || '')),
    h('button', { type: 'submit' }, 'Filter'));
  const message = h('div', {});
  const body = h('tbody', {});
  filters.addEventListener('submit', event => {
    event.preventDefault();
    navigate(`/articles${api.query(formData(filters))}`);
  });
  const canWrite = api.user().role !== 'VIEWER';
  put(main, h('h1', {}, 'Articles'),
    canWrite ? h('p', {}, h('a', { href: '/articles/new', class: 'button primary', id: 'new-article' }, 'New article')) : null,
    filters, message,
    h('table', { class: 'articles' }, h('caption', { class: 'sr-only' }, 'Articles'),
      h('thead', {}, h('tr', {}, ['Title', 'Status', 'Tags', 'Project', 'Updated'].map(c => h('th', { scope: 'col' }, c)))), body));
  try {
    const params = Object.fromEntries(['q', 'tag', 'projectId', 'status'].map(k => [k, query.get(k)]));
    const items = (await api.get(`/api/v1/articles${api.query({ ...params, limit: 100 })}`)).items;
    const projectName = id => (id ? (mine.find(p => p.id === id) || { name: '—' }).name : 'Workspace');
    clear(body, items.length ? items.map(a => h('tr', { dataset: { id: a.id } },
      h('th', { scope: 'row' }, h('a', { href: `/articles/${a.id}` }, a.title)),
      h('td', {}, STATUS_LABEL[a.status] || a.status), h('td', {}, a.tags.join(', ')),
      h('td', {}, projectName(a.projectId)), h('td', {}, when(a.updatedAt))))
      : h('tr', {}, h('td', { colspan: 5 }, 'No articles match.')));
  } catch (problem) {
    if (problem.status === 401) throw problem;
    showProblem(filters, problem, message);
  }
}

export async function create(main) {
  const mine = await projects();
  const box = h('div', {});
  const form = h('form', { class: 'card', id: 'article-form', novalidate: true }, box,
    field('Title', h('input', { name: 'title', required: true, maxlength: 200 })),
    field('Project', select('projectId', [['', 'Workspace (everyone signed in, once published)'], ...mine.map(p => [p.id, p.name])], ''),
      'A project article is read by the project’s members and published by its owners.'),
    field('Tags', h('input', { name: 'tags', maxlength: 1100 }), 'Separated by commas: letters, digits and dashes.'),
    field('Body', h('textarea', { name: 'body', rows: 14, maxlength: 100000, class: 'markdown' }), 'Markdown. It is shown rendered once saved.'),
    h('button', { type: 'submit', class: 'primary' }, 'Save draft'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = formData(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const article = await api.post('/api/v1/articles',
        { title: data.title, body: data.body, tags: tagsOf(data.tags), projectId: data.projectId || null });
      navigate(`/articles/${article.id}`);
    } catch (problem) {
      showProblem(form, problem, box);
    } finally {
      button.disabled = false;
    }
  });
  put(main, h('p', {}, h('a', { href: '/articles' }, '← All articles')), h('h1', {}, 'New article'), form);
}
