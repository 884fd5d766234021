// Drop: catalog, product, drop page (countdown, live counter, Buy) and order history.
import * as api from '../api.js';
import { h, put, clear, field, select, flash, problemText, formData, money, when } from '../dom.js';
import { navigate } from '../router.js';
import { related } from '../knowledge.js';

const CARDS = [['tok_visa', 'Test card — approved'], ['tok_declined', 'Test card — declined']];

export async function catalog(main, _params, query) {
  const results = h('ul', { class: 'cards products' });
  const search = h('form', { class: 'inline', role: 'search' },
    field('Search the catalog', h('input', { name: 'q', type: 'search', value: query.get('q') || '', maxlength: 200 })),
    field('Sort', select('sort', [['', 'Best match / newest'], ['price_asc', 'Price, low to high'], ['price_desc', 'Price, high to low'], ['name', 'Name']], query.get('sort') || '')),
    h('button', { type: 'submit' }, 'Search'));
  const draw = async () => {
    const params = formData(search);
    const page = await api.get(`/api/v1/products${api.query({ ...params, limit: 48 })}`);
    clear(results, page.items.length ? page.items.map(p => h('li', { class: 'card' },
      h('h2', {}, h('a', { href: `/products/${p.id}` }, p.name)),
      h('p', {}, p.brand), h('p', { class: 'price' }, `from ${money(p.fromPrice)}`),
      h('small', {}, `${p.variants.reduce((n, v) => n + v.available, 0)} available`)))
      : h('li', {}, 'Nothing matches.'));
  };
  search.addEventListener('submit', event => {
    event.preventDefault();
    history.replaceState(null, '', `/catalog${api.query(formData(search))}`);
    draw().catch(p => flash(problemText(p), 'error'));
  });
  put(main, h('h1', {}, 'Catalog'), search, results);
  await draw();
}

export async function product(main, { id }) {
  const p = await api.get(`/api/v1/products/${id}`);
  const sku = select('sku', p.variants.map(v => [v.sku, `${v.size} — ${money(v.price)} — ${v.available} left`]), p.variants[0] && p.variants[0].sku);
  put(main, h('h1', {}, p.name), h('p', {}, p.brand), p.description ? h('p', {}, p.description) : null,
    h('table', {}, h('caption', {}, 'Sizes'),
      h('thead', {}, h('tr', {}, ['Size', 'SKU', 'Price', 'Available'].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, p.variants.map(v => h('tr', {}, h('th', { scope: 'row' }, v.size), h('td', {}, v.sku), h('td', {}, money(v.price)), h('td', {}, String(v.available)))))),
    buyBox([field('Size', sku)], data => ({ items: [{ sku: data.sku, quantity: Number(data.quantity) }] }), 5),
    // Related products need a token (search is for signed-in users); visitors see none.
    api.user() ? related(`/api/v1/products/${encodeURIComponent(id)}/related`) : null);
}

export async function drop(main, { id }) {
  let state = await api.get(`/api/v1/drops/${id}`);
  const counter = h('p', { class: 'counter', id: 'available', 'aria-live': 'polite' });
  const countdown = h('p', { class: 'countdown', id: 'countdown' });
  const statusEl = h('p', { id: 'drop-status' });
  const drawState = () => {
    clear(counter, h('strong', {}, String(state.available)), ` of ${state.quantity} left`);
    clear(statusEl, `Status: ${state.status.replace('_', ' ').toLowerCase()}`);
    counter.dataset.available = state.available;
    const buy = main.querySelector('#buy');
    if (buy && buy.textContent === 'Buy') buy.disabled = state.status !== 'LIVE';
  };
  const tick = () => {
    const now = Date.now();
    const start = Date.parse(state.startsAt);
    const end = state.endsAt ? Date.parse(state.endsAt) : null;
    if (now < start) countdown.textContent = `Starts in ${span(start - now)}`;
    else if (end && now < end && state.status === 'LIVE') countdown.textContent = `Ends in ${span(end - now)}`;
    else countdown.textContent = state.status === 'LIVE' ? 'Live now' : '';
    if (state.status === 'SCHEDULED' && now >= start) refreshState();
  };
  const refreshState = async () => { try { state = await api.get(`/api/v1/drops/${id}`); drawState(); } catch { /* keep the last value */ } };
  const limit = Math.min(state.perCustomerLimit, 10);
  const quantity = Array.from({ length: limit }, (_, i) => String(i + 1));
  put(main, h('h1', {}, `Drop: ${state.sku}`), countdown, counter, statusEl,
    h('p', {}, `At most ${state.perCustomerLimit} per customer. Starts ${when(state.startsAt)}${state.endsAt ? `, ends ${when(state.endsAt)}` : ''}.`),
    buyBox([], data => ({ dropId: id, quantity: Number(data.quantity) }), limit, quantity, drawState));
  drawState();
  tick();
  const clock = setInterval(tick, 1000);
  // The live counter: the server's event stream when it has one, else a poll.
  let poll = null;
  let opened = false;
  const stream = new EventSource(`/api/v1/drops/${id}/stream`);
  stream.addEventListener('open', () => { opened = true; });
  stream.addEventListener('availability', event => {
    const data = JSON.parse(event.data);
    state = { ...state, available: data.available, status: data.status };
    drawState();
  });
  stream.addEventListener('error', () => {
    if (!opened || stream.readyState === EventSource.CLOSED) {
      stream.close();
      if (!poll) poll = setInterval(refreshState, 2000);
    }
  });
  return () => { clearInterval(clock); clearInterval(poll); stream.close(); };
}

function span(ms) {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400);
  const hms = [Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60].map(n => String(n).padStart(2, '0')).join(':');
  return d ? `${d}d ${hms}` : hms;
}

/**
 * The Buy button. One purchase intent = one Idempotency-Key: it is made when the buyer
 * first presses Buy and kept, with the exact body, until the server gives a final answer.
 * A lost answer, a 503 or a 409 idempotency-key-in-use keep it, so "Try again" sends the
 * same request and can only ever produce the one order.
 */
function buyBox(fields, bodyOf, limit, quantities, settled) {
  const result = h('div', { id: 'buy-result', role: 'status', 'aria-live': 'polite' });
  const qty = select('quantity', quantities || Array.from({ length: limit }, (_, i) => String(i + 1)), '1');
  const card = select('card', CARDS, 'tok_visa');
  const button = h('button', { type: 'submit', class: 'primary buy', id: 'buy' }, 'Buy');
  const formEl = h('form', { class: 'card buybox' }, fields, field('Quantity', qty), field('Payment', card), button, result);
  let intent = null;
  const show = (stateName, ...content) => { result.dataset.state = stateName; clear(result, h('p', { class: `msg ${stateName === 'bought' ? 'ok' : stateName === 'retry' ? 'warn' : 'error'}` }, ...content)); };
  const lock = locked => formEl.querySelectorAll('select').forEach(s => { s.disabled = locked; });
  formEl.addEventListener('submit', async event => {
    event.preventDefault();
    if (!api.user()) { navigate(`/signin?next=${encodeURIComponent(location.pathname)}`); return; }
    if (!intent) {
      const data = formData(formEl);
      intent = { key: crypto.randomUUID(), body: { ...bodyOf(data), payment: { token: data.card } } };
    }
    lock(true);
    button.disabled = true;
    button.textContent = 'Buying…';
    result.dataset.key = intent.key;
    let final = true;
    try {
      const { body: order } = await api.request('POST', '/api/v1/orders', { body: intent.body, headers: { 'Idempotency-Key': intent.key } });
      result.dataset.orderId = order.id;
      show('bought', order.status === 'PAID' ? 'Bought! ' : 'Order placed, payment being confirmed. ', `Order ${order.id.slice(-8)} — ${money(order.total)}. `, h('a', { href: '/orders' }, 'Your orders'));
    } catch (error) {
      if (!(error instanceof api.Problem)) { final = false; show('retry', 'The connection failed before the answer arrived. Try again: it cannot buy twice.'); }
      else if (error.type === 'sold-out') show('sold-out', 'Sold out. ', error.detail || '');
      else if (error.type === 'payment-declined') show('declined', 'Your card was declined; nothing was charged.');
      else if (error.type === 'conflict') show('limit', problemText(error));
      else if (error.status === 503 || error.type === 'idempotency-key-in-use' || error.status >= 500 || error.status === 429) {
        final = false;
        show('retry', `The shop is busy${error.retryAfter ? ` (retry in ${error.retryAfter} s)` : ''}. Try again: it cannot buy twice.`);
      } else show('error', problemText(error));
    } finally {
      button.disabled = false;
      button.textContent = final ? 'Buy' : 'Try again';
      if (final) { intent = null; lock(false); }
      // The drop page redraws its state: a sold-out event that came while the request was
      // in flight could not disable the button then.
      if (settled) settled();
    }
  });
  return formEl;
}

export async function orders(main) {
  const table = h('tbody', {});
  const message = h('p', { role: 'status', 'aria-live': 'polite' });
  const draw = async () => {
    const items = (await api.get('/api/v1/orders?limit=100')).items;
    clear(table, items.length ? items.map(o => h('tr', { dataset: { id: o.id } },
      h('th', { scope: 'row' }, o.id.slice(-8)), h('td', {}, o.status), h('td', {}, money(o.total)),
      h('td', {}, o.items.map(i => `${i.quantity}× ${i.sku}`).join(', ')), h('td', {}, when(o.createdAt)),
      h('td', {}, o.status === 'PAID' ? h('button', { type: 'button', onclick: async () => {
        try {
          const r = await api.request('POST', `/api/v1/orders/${o.id}/cancel`);
          message.textContent = r.status === 202 ? 'Cancelled; the refund is on its way.' : 'Cancelled and refunded.';
        } catch (problem) { message.textContent = problemText(problem); }
        await draw();
      } }, `Cancel order ${o.id.slice(-8)}`) : ''))) : h('tr', {}, h('td', { colspan: 6 }, 'No orders yet.')));
  };
  put(main, h('h1', {}, 'Your orders'), message,
    h('table', { class: 'orders' }, h('thead', {}, h('tr', {}, ['Order', 'Status', 'Total', 'Items', 'Placed', 'Action'].map(c => h('th', { scope: 'col' }, c)))), table));
  await draw();
}
