// TaskForge: the project list, and a project's page: board, members, report and exports.
import * as api from '../api.js';
import { h, put, clear, field, select, flash, problemText, formData, when } from '../dom.js';
import * as charts from '../charts.js';
import { follow } from '../live.js';

export const STATUSES = ['TODO', 'IN_PROGRESS', 'BLOCKED', 'DONE'];
export const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];
const LABEL = { TODO: 'To do', IN_PROGRESS: 'In progress', BLOCKED: 'Blocked', DONE: 'Done' };

function submitting(formEl, action, onError) {
  formEl.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await action(formData(formEl));
      formEl.reset();
    } catch (problem) {
      (onError || (p => flash(problemText(p), 'error')))(problem);
    }
  });
  return formEl;
}

export async function list(main) {
  const listEl = h('ul', { class: 'cards' });
  const draw = async () => {
    const projects = await api.all('/api/v1/projects');
    clear(listEl, projects.length ? projects.map(p => h('li', { class: 'card' },
      h('h2', {}, h('a', { href: `/projects/${p.id}` }, p.name)),
      h('p', {}, p.description || ''), h('small', {}, `Your role: ${p.role || 'admin'}`)))
      : h('li', {}, 'No projects yet: create the first one.'));
  };
  put(main, h('h1', {}, 'Projects'),
    submitting(h('form', { class: 'inline', id: 'new-project' },
      field('Project name', h('input', { name: 'name', required: true, maxlength: 200 })),
      field('Description', h('input', { name: 'description', maxlength: 2000 })),
      h('button', { type: 'submit', class: 'primary' }, 'Create project')),
    async data => {
      const created = await api.post('/api/v1/projects', { name: data.name, description: data.description || null });
      flash(`Project “${created.name}” created.`, 'ok');
      await draw();
    }),
    listEl);
  await draw();
}

export async function project(main, { id }, query) {
  const projectData = await api.get(`/api/v1/projects/${id}`);
  const members = (await api.get(`/api/v1/projects/${id}/members`)).items;
  const canEdit = projectData.role === 'OWNER' || projectData.role === 'EDITOR' || (projectData.role === null);
  const boardEl = h('div', { class: 'board', id: 'board' });
  const status = h('p', { class: 'msg', role: 'status', 'aria-live': 'polite' });
  const filters = h('form', { class: 'inline filters', role: 'search' },
    field('Search', h('input', { name: 'q', type: 'search', value: query.get('q') || '' })),
    field('Priority', select('priority', [['', 'Any'], ...PRIORITIES], query.get('priority') || '')),
    field('Type', select('type', [['', 'Any'], 'TASK', 'BUG', 'FEATURE'], query.get('type') || '')),
    field('Assignee', select('assigneeId', [['', 'Anyone'], ...members.map(m => [m.userId, m.displayName])], query.get('assigneeId') || '')),
    h('button', { type: 'submit' }, 'Filter'));
  let tasks = [];

  const load = async () => {
    const f = formData(filters);
    tasks = await api.all(`/api/v1/tasks${api.query({ projectId: id, ...f })}`, 600);
    drawBoard();
  };

  const move = async (taskId, to) => {
    const t = tasks.find(x => x.id === taskId);
    if (!t || t.status === to) return;
    try {
      await api.patch(`/api/v1/tasks/${taskId}`, { status: to }, { 'If-Match': `"${t.version}"` });
      status.textContent = `“${t.title}” moved to ${LABEL[to]}.`;
      status.className = 'msg ok';
    } catch (problem) {
      status.className = 'msg error';
      status.textContent = problem.status === 412
        ? `Someone else changed “${t.title}” meanwhile; the board now shows their change. Move it again if you still want to.`
        : problemText(problem);
    }
    await load();
  };

  function drawBoard() {
    clear(boardEl, STATUSES.map(s => {
      const column = h('ul', { class: 'column-list', dataset: { status: s } });
      const section = h('section', { class: 'column', 'aria-labelledby': `col-${s}`, dataset: { status: s } },
        h('h2', { id: `col-${s}` }, `${LABEL[s]} `, h('span', { class: 'count' }, String(tasks.filter(t => t.status === s).length))), column);
      section.addEventListener('dragover', event => { event.preventDefault(); section.classList.add('over'); });
      section.addEventListener('dragleave', () => section.classList.remove('over'));
      section.addEventListener('drop', event => {
        event.preventDefault();
        section.classList.remove('over');
        move(event.dataTransfer.getData('text/plain'), s);
      });
      tasks.filter(t => t.status === s).forEach(t => column.append(card(t)));
      return section;
    }));
  }

  function card(t) {
    const li = h('li', { class: `task prio-${t.priority.toLowerCase()}`, draggable: canEdit ? 'true' : null, dataset: { id: t.id } },
      h('a', { href: `/tasks/${t.id}` }, t.title),
      h('small', {}, `${t.type} · ${t.priority}${t.assigneeName ? ` · ${t.assigneeName}` : ''}`));
    if (canEdit) {
      // The keyboard (and touch) alternative to dragging.
      const mover = select('status', STATUSES.map(s => [s, LABEL[s]]), t.status);
      mover.setAttribute('aria-label', `Status of ${t.title}`);
      mover.addEventListener('change', () => move(t.id, mover.value));
      li.append(mover);
      li.addEventListener('dragstart', event => { event.dataTransfer.setData('text/plain', t.id); event.dataTransfer.effectAllowed = 'move'; });
    }
    return li;
  }

  filters.addEventListener('submit', event => {
    event.preventDefault();
    history.replaceState(null, '', `${location.pathname}${api.query(formData(filters))}`);
    load();
  });

  const newTask = canEdit ? submitting(h('form', { class: 'inline', id: 'new-task' },
    field('Title', h('input', { name: 'title', required: true, maxlength: 200 })),
    field('Type', select('type', ['TASK', 'BUG', 'FEATURE'], 'TASK')),
    field('Priority', select('priority', PRIORITIES, 'MEDIUM')),
    h('button', { type: 'submit', class: 'primary' }, 'Add task')),
  async data => {
    const body = { title: data.title, type: data.type, priority: data.priority };
    if (data.type === 'BUG') body.severity = 'MAJOR';
    await api.post(`/api/v1/projects/${id}/tasks`, body);
    await load();
  }) : null;

  put(main, h('h1', {}, projectData.name), projectData.description ? h('p', {}, projectData.description) : null,
    newTask, filters, status, boardEl,
    membersPanel(id, members, projectData.role === 'OWNER' || projectData.role === null),
    reportPanel(id), exportsPanel(id));
  await load();
  // Live: task events on the project's topic redraw the board; without the WebSocket
  // transport the board is polled instead.
  return follow(`/topic/projects/${id}`, () => load().catch(() => {}), 3000);
}

function membersPanel(projectId, members, isOwner) {
  const listEl = h('ul', { class: 'plain' });
  const draw = items => clear(listEl, items.map(m => h('li', {}, `${m.displayName} — ${m.role}`,
    isOwner ? h('button', { type: 'button', class: 'link', onclick: async () => {
      try { await api.del(`/api/v1/projects/${projectId}/members/${m.userId}`); draw((await api.get(`/api/v1/projects/${projectId}/members`)).items); } catch (p) { flash(problemText(p), 'error'); }
    } }, `Remove ${m.displayName}`) : null)));
  draw(members);
  const add = isOwner ? submitting(h('form', { class: 'inline' },
    field('User id', h('input', { name: 'userId', required: true, pattern: '[0-9a-fA-F-]{36}' }), 'Ask them for the id shown on their account page.'),
    field('Role', select('role', ['EDITOR', 'VIEWER', 'OWNER'], 'EDITOR')),
    h('button', { type: 'submit' }, 'Add member')),
  async data => {
    await api.put(`/api/v1/projects/${projectId}/members/${encodeURIComponent(data.userId)}`, { role: data.role });
    draw((await api.get(`/api/v1/projects/${projectId}/members`)).items);
  }) : null;
  return h('details', { class: 'panel' }, h('summary', {}, h('h2', {}, 'Members')), listEl, add);
}

function reportPanel(projectId) {
  const body = h('div', {});
  const panel = h('details', { class: 'panel', id: 'report' }, h('summary', {}, h('h2', {}, 'Report')), body);
  panel.addEventListener('toggle', async () => {
    if (!panel.open || body.childElementCount) return;
    const report = await api.get(`/api/v1/projects/${projectId}/reports/summary?days=14`);
    const rows = report.categories.map(c => ({ label: c.name || 'Uncategorised', values: c.byStatus }));
    put(body,
      charts.bars('Tasks per category and status', rows, STATUSES),
      charts.line('Tasks completed per day', report.trend.map(d => ({ label: d.date, value: d.completed }))),
      h('h3', {}, 'Most urgent open tasks'),
      h('ol', {}, report.ranking.map(r => h('li', {}, h('a', { href: `/tasks/${r.taskId}` }, r.title), ` — ${r.priority}`))));
  });
  return panel;
}

function exportsPanel(projectId) {
  const progress = h('progress', { max: 100, value: 0, 'aria-label': 'Export progress' });
  const out = h('p', { role: 'status', 'aria-live': 'polite' });
  const formEl = submitting(h('form', { class: 'inline' },
    field('Format', select('format', ['csv', 'json', 'pdf'], 'csv')),
    h('button', { type: 'submit' }, 'Export tasks')),
  async data => {
    let job = await api.post(`/api/v1/projects/${projectId}/exports`, { format: data.format });
    clear(out, 'Export queued…');
    while (job.status === 'QUEUED' || job.status === 'RUNNING') {
      await new Promise(resolve => setTimeout(resolve, 500));
      job = await api.get(`/api/v1/exports/${job.id}`);
      progress.value = job.progress;
      clear(out, `Export ${job.status.toLowerCase()}: ${job.progress}%`);
    }
    // A small export may be finished by the time the request is answered: no loop turn then.
    progress.value = job.status === 'DONE' ? 100 : job.progress;
    if (job.status === 'DONE') {
      // The file needs the bearer token, so it is fetched here and offered as a blob link.
      const response = await fetch(job.file, { headers: { Authorization: `Bearer ${api.token()}` } });
      const url = URL.createObjectURL(await response.blob());
      clear(out, 'Ready: ', h('a', { href: url, download: `tasks.${job.format}` }, `Download tasks.${job.format}`), ` (until ${when(job.expiresAt)})`);
    } else {
      clear(out, `The export failed: ${job.error || 'unknown error'}`);
    }
  });
  return h('details', { class: 'panel', id: 'exports' }, h('summary', {}, h('h2', {}, 'Exports')), formEl, progress, out);
}
