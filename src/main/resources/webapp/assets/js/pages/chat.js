// Chat against the contract: channels with unread badges, messages, threads and uploads.
// Live delivery uses the channel's WebSocket topic when there is one, else polling. A
// server without chat says so instead of breaking the page.
import * as api from '../api.js';
import { h, put, clear, field, flash, problemText, formData, when } from '../dom.js';
import { follow } from '../live.js';
import { navigate } from '../router.js';

export async function page(main, { id }) {
  let channels;
  try {
    channels = (await api.get('/api/v1/channels?limit=100')).items;
  } catch (problem) {
    if (problem.status === 404) {
      put(main, h('h1', {}, 'Chat'), h('p', { class: 'msg' }, 'Chat is not available on this server yet.'));
      return undefined;
    }
    throw problem;
  }
  const nav = h('nav', { 'aria-label': 'Channels', class: 'channels' },
    h('ul', { class: 'plain' }, channels.map(c => h('li', {}, h('a', { href: `/chat/${c.id}`, 'aria-current': c.id === id ? 'page' : null },
      `# ${c.name}`, c.unread ? h('span', { class: 'badge', 'aria-label': `${c.unread} unread` }, String(c.unread)) : null)))));
  const create = h('form', { class: 'inline' }, field('New channel', h('input', { name: 'name', required: true, maxlength: 80 })), h('button', { type: 'submit' }, 'Create'));
  create.addEventListener('submit', async event => {
    event.preventDefault();
    try { const c = await api.post('/api/v1/channels', { name: formData(create).name, private: false }); navigate(`/chat/${c.id}`); } catch (p) { flash(problemText(p), 'error'); }
  });
  const pane = h('section', { class: 'messages', 'aria-label': 'Messages' });
  put(main, h('h1', {}, 'Chat'), h('div', { class: 'chat' }, h('div', {}, nav, create), pane));
  if (!id) { put(pane, h('p', {}, 'Choose a channel.')); return undefined; }
  return channel(pane, id, null);
}

function channel(pane, channelId, parentId) {
  const listEl = h('ol', { class: 'plain thread' });
  const file = h('input', { type: 'file', name: 'file' });
  const compose = h('form', { class: 'card' },
    field(parentId ? 'Reply in thread' : 'Message', h('textarea', { name: 'text', required: true, rows: 2, maxlength: 4000 })),
    field('Attach a file', file), h('button', { type: 'submit', class: 'primary' }, 'Send'));
  const draw = async () => {
    const page = await api.get(`/api/v1/channels/${channelId}/messages${api.query({ parentId, limit: 50 })}`);
    const items = page.items.slice().reverse();
    clear(listEl, items.map(m => h('li', {},
      h('strong', {}, m.authorName || `user ${String(m.authorId).slice(-6)}`), ` · ${when(m.createdAt)}${m.editedAt ? ' (edited)' : ''}`,
      h('p', {}, m.deleted ? '(deleted)' : m.text),
      (m.attachmentIds || []).map((id, i) => h('button', { type: 'button', class: 'link', onclick: () => download(id) }, `Attachment ${i + 1}`)),
      parentId ? null : h('button', { type: 'button', class: 'link', onclick: () => { clear(pane); channel(pane, channelId, m.id); } }, 'Open thread'))));
    if (items.length) api.post(`/api/v1/channels/${channelId}/read`, { messageId: items[items.length - 1].id }).catch(() => {});
  };
  compose.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const attachmentIds = [];
      if (file.files.length) {
        const body = new FormData();
        body.append('file', file.files[0]);
        const response = await fetch('/api/v1/attachments', { method: 'POST', body, headers: { Authorization: `Bearer ${api.token()}` } });
        if (!response.ok) throw new api.Problem(response.status, await response.json().catch(() => null));
        attachmentIds.push((await response.json()).id);
      }
      await api.post(`/api/v1/channels/${channelId}/messages`, { text: formData(compose).text, parentId: parentId || undefined, attachmentIds },
        { 'Idempotency-Key': crypto.randomUUID() });
      compose.reset();
      await draw();
    } catch (problem) { flash(problemText(problem), 'error'); }
  });
  put(pane, parentId ? h('button', { type: 'button', class: 'link', onclick: () => { clear(pane); channel(pane, channelId, null); } }, '← Back to the channel') : null, listEl, compose);
  draw().catch(p => flash(problemText(p), 'error'));
  return follow(`/topic/channels/${channelId}`, () => draw().catch(() => {}), 4000);
}

/** Attachments need the bearer token, so they are fetched here and handed over as a file. */
async function download(id) {
  const response = await fetch(`/api/v1/attachments/${id}`, { headers: { Authorization: `Bearer ${api.token()}` } });
  if (!response.ok) { flash(`The attachment cannot be downloaded (HTTP ${response.status}).`, 'error'); return; }
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') || '');
  const link = h('a', { href: URL.createObjectURL(await response.blob()), download: name ? name[1] : 'attachment' });
  link.click();
}
