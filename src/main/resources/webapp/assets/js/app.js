// Entry point: navigation, routes and the session restored from the refresh cookie.
import * as api from './api.js';
import { h, clear } from './dom.js';
import { route, start, navigate } from './router.js';
import * as auth from './pages/auth.js';
import * as projects from './pages/projects.js';
import * as task from './pages/task.js';
import * as shop from './pages/shop.js';
import * as chat from './pages/chat.js';
import * as admin from './pages/admin.js';
import * as search from './pages/search.js';
import * as articles from './pages/articles.js';
import * as article from './pages/article.js';
import * as ask from './pages/ask.js';

const signedIn = () => (api.user() ? null : `/signin?next=${encodeURIComponent(location.pathname)}`);
const isAdmin = () => signedIn() || (api.user().role === 'ADMIN' ? null : '/');

route('/', auth.home);
route('/signin', auth.signIn);
route('/signup', auth.signUp);
route('/account', auth.account, { guard: signedIn });
route('/projects', projects.list, { guard: signedIn });
route('/projects/:id', projects.project, { guard: signedIn });
route('/tasks/:id', task.detail, { guard: signedIn });
route('/catalog', shop.catalog);
route('/products/:id', shop.product);
route('/drops/:id', shop.drop);
route('/orders', shop.orders, { guard: signedIn });
route('/chat', chat.page, { guard: signedIn });
route('/chat/:id', chat.page, { guard: signedIn });
route('/search', search.page, { guard: signedIn });
route('/ask', ask.page, { guard: signedIn });
route('/articles', articles.list, { guard: signedIn });
route('/articles/new', articles.create, { guard: signedIn });
route('/articles/:id', article.detail, { guard: signedIn });
route('/admin', admin.health, { guard: isAdmin });
route('/admin/:page', admin.page, { guard: isAdmin });

function drawNav(user) {
  const links = [['/catalog', 'Drop']];
  if (user) {
    links.unshift(['/projects', 'TaskForge']);
    links.push(['/orders', 'Orders'], ['/chat', 'Chat'], ['/articles', 'Articles']);
    if (user.role === 'ADMIN') links.push(['/admin', 'Console']);
  }
  const current = location.pathname;
  const items = links.map(([href, text]) => h('li', {}, h('a', { href, 'aria-current': current.startsWith(href) ? 'page' : null }, text)));
  const session = user
    ? [h('li', {}, h('a', { href: '/account' }, user.displayName)),
       h('li', {}, h('button', { type: 'button', class: 'link', id: 'signout', onclick: async () => { await api.logout(); navigate('/signin'); } }, 'Sign out'))]
    : [h('li', {}, h('a', { href: '/signin' }, 'Sign in')), h('li', {}, h('a', { href: '/signup' }, 'Sign up'))];
  clear(document.getElementById('nav'), h('ul', {}, items, session));
  const box = document.getElementById('site-search');
  if (!user) box.replaceChildren();
  else if (!box.firstChild) box.append(siteSearch());
}

/** The header's search box, and Ask beside it: both take the words typed so far. */
function siteSearch() {
  const input = h('input', { type: 'search', name: 'q', id: 'site-q', maxlength: 500, placeholder: 'Search everything' });
  const form = h('form', { role: 'search', 'aria-label': 'Everything', action: '/search', class: 'site-search' },
    h('label', { for: 'site-q', class: 'sr-only' }, 'Search everything'), input,
    // type=button, not submit: Enter still submits (one field), and a page's own form keeps
    // the first submit button of the document, which is what "form button[type=submit]" finds.
    h('button', { type: 'button', id: 'site-go', onclick: () => form.requestSubmit() }, 'Search'),
    h('button', { type: 'button', id: 'site-ask', onclick: () => navigate(`/ask${api.query({ q: input.value.trim() })}`) }, 'Ask'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (input.value.trim()) navigate(`/search${api.query({ q: input.value.trim() })}`);
  });
  return form;
}

api.onUser(drawNav);
window.addEventListener('popstate', () => drawNav(api.user()));
document.addEventListener('click', event => { if (event.target.closest('a[href]')) setTimeout(() => drawNav(api.user()), 0); });

api.restore().finally(() => {
  drawNav(api.user());
  start();
});
