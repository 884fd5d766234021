// The operator's console (ADMIN): live health from the server's own metrics, drops, users,
// analytics, events and dead letters, the moderation queue, and the audit log.
import * as api from '../api.js';
import { h, put, clear, field, select, flash, problemText, formData, money, when } from '../dom.js';
import * as charts from '../charts.js';
import { parse, rate, quantile, sum } from '../metrics.js';

const SECTIONS = [['/admin', 'Health'], ['/admin/drops', 'Drops'], ['/admin/users', 'Users'], ['/admin/analytics', 'Analytics'],
  ['/admin/events', 'Events'], ['/admin/dead-letters', 'Dead letters'], ['/admin/moderation', 'Moderation'],
  ['/admin/audit', 'Audit log']];

function frame(main, title) {
  put(main, h('nav', { 'aria-label': 'Console', class: 'subnav' }, h('ul', {}, SECTIONS.map(([href, text]) =>
    h('li', {}, h('a', { href, 'aria-current': location.pathname === href ? 'page' : null }, text))))), h('h1', {}, title));
}

export function page(main, { page: name }, query) {
  const pages = { drops, users, analytics, events, 'dead-letters': deadLetters, moderation, audit };
  const render = pages[name];
  if (!render) { put(main, h('h1', {}, 'Page not found')); return undefined; }
  return render(main, query);
}

/** Health: the metrics endpoint read every 5 s; rates and percentiles over that window. */
export async function health(main) {
  frame(main, 'Service health');
  const tiles = h('div', { class: 'tiles stats', id: 'health' });
  const charts_ = h('div', {});
  put(main, h('p', {}, 'From the application’s own /actuator/prometheus, sampled every 5 seconds.'), tiles, charts_);
  const history = [];
  let previous = null;
  const sample = async () => {
    const response = await fetch('/actuator/prometheus', { headers: { Accept: 'text/plain' } });
    if (!response.ok) { clear(tiles, h('p', { class: 'msg error' }, `Metrics unavailable (HTTP ${response.status}).`)); return; }
    const now = parse(await response.text());
    const checkout = s => s.name === 'http_server_requests_seconds_count' && s.labels.uri === '/api/v1/orders' && s.labels.method === 'POST';
    const checkoutBuckets = s => s.name === 'http_server_requests_seconds_bucket' && s.labels.uri === '/api/v1/orders' && s.labels.method === 'POST';
    const allBuckets = s => s.name === 'http_server_requests_seconds_bucket';
    const seconds = previous ? (now.at - previous.at) / 1000 : 0;
    const outcomes = {};
    now.samples.filter(checkout).forEach(s => { outcomes[s.labels.status] = (outcomes[s.labels.status] || 0) + rate(now, previous, x => checkout(x) && x.labels.status === s.labels.status, seconds); });
    const checkouts = Object.values(outcomes).reduce((a, b) => a + b, 0);
    const breakers = now.samples.filter(s => s.name === 'resilience4j_circuitbreaker_state' && s.value === 1).map(s => `${s.labels.name}: ${s.labels.state}`);
    const poolActive = sum(now, s => s.name === 'hikaricp_connections_active');
    const poolMax = sum(now, s => s.name === 'hikaricp_connections_max');
    const p = q => quantile(now, previous, previous ? checkoutBuckets : allBuckets, q);
    const tile = (label, value, id) => h('div', { class: 'stat', id }, h('span', {}, label), h('strong', {}, value));
    clear(tiles,
      tile('Checkouts / s', checkouts.toFixed(2), 'stat-checkouts'),
      tile('Outcomes / s', Object.entries(outcomes).map(([status, r]) => `${status}: ${r.toFixed(2)}`).join(', ') || '—', 'stat-outcomes'),
      tile('Latency p50 / p95 / p99', [0.5, 0.95, 0.99].map(q => fmtMs(p(q))).join(' / '), 'stat-latency'),
      tile('Circuit breakers', breakers.join(', ') || 'none reported', 'stat-breakers'),
      tile('DB pool in use', `${poolActive} of ${poolMax}`, 'stat-pool'),
      tile('Dead letters', gauge(now, 'fortress_events_dead_letters'), 'stat-dead'),
      tile('Events waiting', gauge(now, 'fortress_events_incomplete'), 'stat-incomplete'));
    if (previous) {
      history.push({ label: new Date(now.at).toLocaleTimeString(), value: +checkouts.toFixed(2) });
      if (history.length > 60) history.shift();
      clear(charts_, charts.line('Checkouts per second', history));
    }
    previous = now;
  };
  await sample().catch(() => {});
  const timer = setInterval(() => sample().catch(() => {}), 5000);
  return () => clearInterval(timer);
}

/** A gauge's value, or a dash while it has none (a gauge not sampled yet reads NaN). */
function gauge(snapshot, name) {
  const found = snapshot.samples.filter(s => s.name === name && Number.isFinite(s.value));
  return found.length ? String(found.reduce((a, s) => a + s.value, 0)) : '—';
}

function fmtMs(seconds) {
  return Number.isFinite(seconds) ? `${Math.round(seconds * 1000)} ms` : '—';
}

async function drops(main) {
  frame(main, 'Drops');
  const out = h('div', { id: 'drop-created', role: 'status', 'aria-live': 'polite' });
  // datetime-local speaks local time, to the minute: at least a minute from now (two, cut to
  // the minute), written in the browser's zone.
  const soon = new Date(Date.now() + 120_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const create = h('form', { class: 'card', id: 'new-drop' },
    field('SKU', h('input', { name: 'sku', required: true, maxlength: 64 })),
    field('Units', h('input', { name: 'quantity', type: 'number', min: 1, max: 1000000, value: 10, required: true })),
    field('Per customer', h('input', { name: 'perCustomerLimit', type: 'number', min: 1, value: 1, required: true })),
    field('Starts at (local time)', h('input', { name: 'startsAt', type: 'datetime-local', value: soon, required: true })),
    field('Ends at (optional)', h('input', { name: 'endsAt', type: 'datetime-local' })),
    h('button', { type: 'submit', class: 'primary' }, 'Schedule drop'));
  create.addEventListener('submit', async event => {
    event.preventDefault();
    const d = formData(create);
    try {
      const drop = await api.post('/api/v1/drops', { sku: d.sku, quantity: Number(d.quantity), perCustomerLimit: Number(d.perCustomerLimit),
        startsAt: new Date(d.startsAt).toISOString(), endsAt: d.endsAt ? new Date(d.endsAt).toISOString() : null });
      clear(out, h('p', { class: 'msg ok' }, 'Scheduled: ', h('a', { href: `/drops/${drop.id}` }, `drop page ${drop.id}`)));
    } catch (problem) { clear(out, h('p', { class: 'msg error' }, problemText(problem))); }
  });
  const watch = h('form', { class: 'inline', id: 'watch-drop' }, field('Drop id', h('input', { name: 'id', required: true })), h('button', { type: 'submit' }, 'Watch'));
  const watched = h('div', { id: 'watched' });
  // Watching re-reads the drop and its sales every 2 s until the operator leaves the page.
  let timer = null;
  const show = async id => {
    try {
      // Analytics knows a drop once its events arrived: until then the drop is shown alone.
      const [drop, stats] = await Promise.all([api.get(`/api/v1/drops/${id}`),
        api.get(`/api/v1/analytics/drops/${id}`).catch(p => (p.status === 404 ? null : Promise.reject(p)))]);
      clear(watched, dropStats(drop, stats), h('p', {}, h('a', { href: `/drops/${id}` }, 'Open the live drop page')));
    } catch (problem) {
      clearInterval(timer);
      clear(watched, h('p', { class: 'msg error' }, problemText(problem)));
    }
  };
  watch.addEventListener('submit', event => {
    event.preventDefault();
    const id = formData(watch).id.trim();
    clearInterval(timer);
    show(id);
    timer = setInterval(() => show(id), 2000);
  });
  put(main, h('h2', {}, 'Schedule a drop'), create, out, h('h2', {}, 'Watch a drop'), watch, watched);
  return () => clearInterval(timer);
}

function dropStats(drop, s) {
  if (!s) return h('dl', { class: 'facts' }, h('dt', {}, 'Status'), h('dd', {}, drop.status), h('dt', {}, 'Available'), h('dd', {}, `${drop.available} of ${drop.quantity}`));
  return h('div', {},
    h('dl', { class: 'facts' }, h('dt', {}, 'Status'), h('dd', {}, drop.status), h('dt', {}, 'Available'), h('dd', {}, `${drop.available} of ${drop.quantity}`),
      h('dt', {}, 'Revenue'), h('dd', {}, money(s.revenue)), h('dt', {}, 'Conversion'), h('dd', {}, `${(s.conversion * 100).toFixed(1)} %`),
      h('dt', {}, 'Sold out after'), h('dd', {}, s.sellOutSeconds === null ? '—' : `${s.sellOutSeconds} s`)),
    charts.bars('Checkout funnel', [{ label: drop.sku, values: { attempts: s.attempts, orders: s.orders, units: s.unitsSold } }], ['attempts', 'orders', 'units']));
}

async function users(main) {
  frame(main, 'Users');
  const body = h('tbody', {});
  const draw = async () => {
    const items = await api.all('/api/v1/admin/users', 500);
    clear(body, items.map(u => {
      const role = select('role', ['ADMIN', 'EDITOR', 'VIEWER'], u.role);
      role.setAttribute('aria-label', `Role of ${u.email}`);
      role.addEventListener('change', () => change(u, { role: role.value }));
      return h('tr', {}, h('th', { scope: 'row' }, u.email), h('td', {}, u.displayName), h('td', {}, role),
        h('td', {}, h('button', { type: 'button', onclick: () => change(u, { disabled: !u.disabled }) }, `${u.disabled ? 'Enable' : 'Disable'} ${u.email}`)));
    }));
  };
  const change = async (u, body) => {
    try { await api.patch(`/api/v1/admin/users/${u.id}`, body); flash(`${u.email} updated.`, 'ok'); } catch (p) { flash(problemText(p), 'error'); }
    await draw();
  };
  put(main, h('table', {}, h('thead', {}, h('tr', {}, ['E-mail', 'Name', 'Role', 'Access'].map(c => h('th', { scope: 'col' }, c)))), body));
  await draw();
}

async function analytics(main) {
  frame(main, 'Analytics');
  const projects = await api.all('/api/v1/projects', 500);
  const out = h('div', {});
  const choose = h('form', { class: 'inline' }, field('Project', select('projectId', projects.map(p => [p.id, p.name]))),
    field('Days', h('input', { name: 'days', type: 'number', min: 1, max: 366, value: 14 })), h('button', { type: 'submit' }, 'Show'));
  choose.addEventListener('submit', async event => {
    event.preventDefault();
    const d = formData(choose);
    try {
      const a = await api.get(`/api/v1/projects/${d.projectId}/analytics?days=${d.days}`);
      clear(out, charts.bars('Tasks created and completed per day', a.days.map(x => ({ label: x.date.slice(5), values: { created: x.created, completed: x.completed } })), ['created', 'completed']));
    } catch (p) { clear(out, h('p', { class: 'msg error' }, problemText(p))); }
  });
  put(main, h('p', {}, 'Per drop: see Drops → Watch.'), choose, out);
  if (projects.length) choose.requestSubmit();
}

async function events(main, query) {
  frame(main, 'Events');
  const filter = h('form', { class: 'inline' }, field('Status', select('status', [['', 'Any'], 'PENDING', 'COMPLETED', 'FAILED', 'DEAD'], query.get('status') || '')),
    field('Type', h('input', { name: 'type', value: query.get('type') || '' })), h('button', { type: 'submit' }, 'Filter'));
  const body = h('tbody', {});
  const draw = async () => {
    const page = await api.get(`/api/v1/admin/events${api.query({ ...formData(filter), limit: 100 })}`);
    clear(body, page.items.map(e => h('tr', {}, h('th', { scope: 'row' }, e.type), h('td', {}, e.listener), h('td', {}, e.status),
      h('td', {}, String(e.attempts)), h('td', {}, when(e.publishedAt)), h('td', {}, e.lastError || ''))));
  };
  filter.addEventListener('submit', event => { event.preventDefault(); draw().catch(p => flash(problemText(p), 'error')); });
  put(main, filter, h('table', {}, h('thead', {}, h('tr', {}, ['Type', 'Listener', 'Status', 'Attempts', 'Published', 'Last error'].map(c => h('th', { scope: 'col' }, c)))), body));
  await draw();
}

async function deadLetters(main) {
  frame(main, 'Dead letters');
  const body = h('tbody', {});
  const message = h('p', { role: 'status', 'aria-live': 'polite', id: 'dlq-message' });
  const act = async (label, fn) => { try { await fn(); message.textContent = label; } catch (p) { message.textContent = problemText(p); } await draw(); };
  const draw = async () => {
    const items = await api.all('/api/v1/admin/dead-letters', 500);
    clear(body, items.length ? items.map(d => h('tr', { dataset: { id: d.id } }, h('th', { scope: 'row' }, d.type), h('td', {}, d.listener),
      h('td', {}, String(d.attempts)), h('td', {}, d.lastError || ''), h('td', {}, when(d.deadSince)),
      h('td', {}, h('button', { type: 'button', class: 'replay', onclick: () => act('Replayed.', () => api.post(`/api/v1/admin/dead-letters/${d.id}/replay`)) }, `Replay ${d.type}`),
        h('button', { type: 'button', class: 'danger', onclick: () => confirm('Purge this dead letter for good?') && act('Purged.', () => api.del(`/api/v1/admin/dead-letters/${d.id}`)) }, `Purge ${d.type}`))))
      : h('tr', {}, h('td', { colspan: 6 }, 'No dead letters.')));
  };
  put(main, message, h('button', { type: 'button', onclick: () => act('Replaying every dead letter.', () => api.post('/api/v1/admin/dead-letters/replay')) }, 'Replay all'),
    h('table', { class: 'dlq' }, h('thead', {}, h('tr', {}, ['Type', 'Listener', 'Attempts', 'Last error', 'Dead since', 'Actions'].map(c => h('th', { scope: 'col' }, c)))), body));
  await draw();
}

/** Held messages, comments and articles: approve makes one visible, remove deletes it. */
async function moderation(main, query) {
  frame(main, 'Moderation');
  const filter = h('form', { class: 'inline' }, field('Status', select('status', ['HELD', 'APPROVED', 'REMOVED'], query.get('status') || 'HELD')),
    h('button', { type: 'submit' }, 'Show'));
  const body = h('tbody', {});
  const message = h('p', { role: 'status', 'aria-live': 'polite', id: 'moderation-message' });
  const act = async (label, fn) => { try { await fn(); message.textContent = label; } catch (p) { message.textContent = problemText(p); } await draw(); };
  const decide = (item, decision, label) => h('button', { type: 'button', class: decision === 'remove' ? 'danger' : decision,
    onclick: () => act(label, () => api.post(`/api/v1/admin/moderation/${item.id}/${decision}`)) }, `${decision === 'remove' ? 'Remove' : 'Approve'} ${item.type}`);
  const draw = async () => {
    const items = await api.all(`/api/v1/admin/moderation${api.query(formData(filter))}`, 500);
    clear(body, items.length ? items.map(m => h('tr', { dataset: { id: m.id } }, h('th', { scope: 'row' }, m.type), h('td', {}, m.excerpt),
      h('td', {}, m.reasons.join(', ')), h('td', {}, when(m.createdAt)),
      h('td', {}, m.status === 'HELD' ? [decide(m, 'approve', 'Approved.'), decide(m, 'remove', 'Removed.')] : `${m.status.toLowerCase()} ${when(m.decidedAt)}`)))
      : h('tr', {}, h('td', { colspan: 5 }, 'Nothing here.')));
  };
  filter.addEventListener('submit', event => { event.preventDefault(); draw().catch(p => flash(problemText(p), 'error')); });
  put(main, filter, message, h('table', { class: 'moderation' }, h('thead', {}, h('tr', {}, ['Type', 'Text', 'Why', 'Posted', 'Decision'].map(c => h('th', { scope: 'col' }, c)))), body));
  await draw();
}

async function audit(main) {
  frame(main, 'Audit log');
  const items = (await api.get('/api/v1/admin/audit?limit=100')).items;
  put(main, h('table', {}, h('thead', {}, h('tr', {}, ['When', 'Actor', 'Action', 'Resource', 'Status'].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, items.map(a => h('tr', {}, h('th', { scope: 'row' }, when(a.occurredAt)), h('td', {}, a.actor), h('td', {}, a.action), h('td', {}, a.resource), h('td', {}, String(a.status)))))));
}
