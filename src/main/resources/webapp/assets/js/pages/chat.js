// Chat: channels with unread badges, messages, one-level threads, joining a public channel,
// and file attachments. New messages arrive through the channel's WebSocket topic when the
// server has one, else by polling. A server without chat says so instead of breaking.
import * as api from '../api.js';
import { h, put, clear, field, flash, problemText, formData, when } from '../dom.js';
import { follow } from '../live.js';
import { navigate } from '../router.js';

let stopFollowing = null;

export async function page(main, { id }) {
  let channels;
  try {
    channels = (await api.get('/api/v1/channels')).items;
  } catch (problem) {
    if (problem.status === 404) {
      put(main, h('h1', {}, 'Chat'), h('p', { class: 'msg' }, 'Chat is not available on this server yet.'));
      return undefined;
    }
    throw problem;
  }
  const name = c => (c.direct ? 'Direct conversation' : `# ${c.name}`);
  const nav = h('nav', { 'aria-label': 'Channels', class: 'channels' },
    h('ul', { class: 'plain', id: 'channels' }, channels.map(c => h('li', {}, h('a', { href: `/chat/${c.id}`, 'aria-current': c.id === id ? 'page' : null, dataset: { id: c.id } },
      name(c), c.unread ? h('span', { class: 'badge', title: `${c.unread} unread` }, c.unread >= 100 ? '99+' : String(c.unread), h('span', { class: 'sr-only' }, ' unread')) : null)))));
  const create = h('form', { class: 'inline', id: 'new-channel' }, field('New channel', h('input', { name: 'name', required: true, maxlength: 80 })), h('button', { type: 'submit' }, 'Create'));
  create.addEventListener('submit', async event => {
    event.preventDefault();
    try { const c = await api.post('/api/v1/channels', { name: formData(create).name }); navigate(`/chat/${c.id}`); } catch (p) { flash(problemText(p), 'error'); }
  });
  const pane = h('section', { class: 'messages', 'aria-label': 'Messages', id: 'messages' });
  put(main, h('h1', {}, 'Chat'), h('div', { class: 'chat' }, h('div', {}, nav, create), pane));
  const current = channels.find(c => c.id === id);
  if (!current) { put(pane, h('p', {}, id ? 'No such channel.' : 'Choose a channel.')); return undefined; }
  return channel(pane, current, null);
}

function channel(pane, view, parentId) {
  const listEl = h('ol', { class: 'plain thread' });
  const file = h('input', { type: 'file', name: 'file' });
  const canPost = view.role === 'MEMBER' || view.role === 'OWNER';
  const compose = h('form', { class: 'card', id: 'compose' },
    field(parentId ? 'Reply in thread' : 'Message', h('textarea', { name: 'text', required: true, rows: 2, maxlength: 4000 })),
    field('Attach a file', file), h('button', { type: 'submit', class: 'primary' }, 'Send'));
  const join = h('button', { type: 'button', class: 'primary', id: 'join', onclick: async () => {
    try {
      await api.put(`/api/v1/channels/${view.id}/members/${api.user().id}`, { role: 'MEMBER' });
      clear(pane);
      channel(pane, await api.get(`/api/v1/channels/${view.id}`), parentId);
    } catch (p) { flash(problemText(p), 'error'); }
  } }, 'Join to post');
  const draw = async () => {
    const page = await api.get(`/api/v1/channels/${view.id}/messages${api.query({ parentId, limit: 50 })}`);
    const items = page.items.slice().reverse();
    clear(listEl, items.map(m => h('li', { dataset: { id: m.id } },
      h('strong', {}, m.authorId === api.user().id ? 'You' : `user …${String(m.authorId).slice(-6)}`), ` · ${when(m.createdAt)}${m.editedAt ? ' (edited)' : ''}`,
      h('p', {}, m.deleted ? '(deleted)' : m.text),
      (m.attachmentIds || []).map((a, i) => h('button', { type: 'button', class: 'link', onclick: () => download(a) }, `Attachment ${i + 1}`)),
      parentId ? null : h('button', { type: 'button', class: 'link', onclick: () => { clear(pane); channel(pane, view, m.id); } }, 'Open thread'))));
    if (items.length) api.post(`/api/v1/channels/${view.id}/read`, { messageId: items[items.length - 1].id }).catch(() => {});
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
      const message = { text: formData(compose).text };
      if (parentId) message.parentId = parentId;
      if (attachmentIds.length) message.attachmentIds = attachmentIds;
      await api.post(`/api/v1/channels/${view.id}/messages`, message, { 'Idempotency-Key': crypto.randomUUID() });
      compose.reset();
      await draw();
    } catch (problem) { flash(problemText(problem), 'error'); }
  });
  put(pane, h('h2', {}, parentId ? 'Thread' : (view.direct ? 'Direct conversation' : `# ${view.name}`)),
    view.topic ? h('p', {}, view.topic) : null,
    parentId ? h('button', { type: 'button', class: 'link', onclick: () => { clear(pane); channel(pane, view, null); } }, '← Back to the channel') : null,
    listEl, canPost ? compose : join);
  draw().catch(p => flash(problemText(p), 'error'));
  // One channel or thread is followed at a time: opening a thread stops following the channel.
  if (stopFollowing) stopFollowing();
  stopFollowing = follow(`/topic/channels/${view.id}`, () => draw().catch(() => {}), 3000);
  return () => { if (stopFollowing) stopFollowing(); stopFollowing = null; };
}

/** Attachments need the bearer token, so they are fetched here and handed over as a file. */
async function download(id) {
  const response = await fetch(`/api/v1/attachments/${id}`, { headers: { Authorization: `Bearer ${api.token()}` } });
  if (!response.ok) { flash(`The attachment cannot be downloaded (HTTP ${response.status}).`, 'error'); return; }
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') || '');
  const link = h('a', { href: URL.createObjectURL(await response.blob()), download: name ? name[1] : 'attachment' });
  link.click();
}
