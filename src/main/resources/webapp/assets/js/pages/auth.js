// Sign up, sign in, the account page (change password) and the home page.
import * as api from '../api.js';
import { h, put, field, flash, problemText, formData } from '../dom.js';
import { navigate } from '../router.js';

function form(onsubmit, ...children) {
  const error = h('p', { class: 'msg error', role: 'alert', hidden: true });
  const el = h('form', { class: 'card narrow', novalidate: false }, error, children);
  el.addEventListener('submit', async event => {
    event.preventDefault();
    const button = el.querySelector('button[type=submit]');
    button.disabled = true;
    error.hidden = true;
    try {
      await onsubmit(formData(el));
    } catch (problem) {
      error.textContent = problem instanceof api.Problem ? problemText(problem) : 'The server cannot be reached; try again.';
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

const input = (name, type, extra = {}) => h('input', { name, type, required: true, ...extra });

export function home(main) {
  const user = api.user();
  put(main, 
    h('h1', {}, user ? `Welcome, ${user.displayName}` : 'Fortress'),
    h('p', {}, 'Plan work with TaskForge, buy limited drops, talk in chat.'),
    h('ul', { class: 'tiles' },
      h('li', {}, h('a', { href: '/projects', class: 'tile' }, h('strong', {}, 'TaskForge'), h('span', {}, 'Projects, boards, reports'))),
      h('li', {}, h('a', { href: '/catalog', class: 'tile' }, h('strong', {}, 'Drop'), h('span', {}, 'Catalog, drops, orders'))),
      h('li', {}, h('a', { href: '/chat', class: 'tile' }, h('strong', {}, 'Chat'), h('span', {}, 'Channels and threads'))),
      user && user.role === 'ADMIN' ? h('li', {}, h('a', { href: '/admin', class: 'tile' }, h('strong', {}, 'Console'), h('span', {}, 'Health, events, users'))) : null));
}

export function signIn(main, _params, query) {
  const next = query.get('next') && query.get('next').startsWith('/') ? query.get('next') : '/projects';
  put(main, h('h1', {}, 'Sign in'), form(async data => {
    await api.login(data.email, data.password);
    flash('');
    navigate(next);
  },
  field('E-mail', input('email', 'email', { autocomplete: 'username' })),
  field('Password', input('password', 'password', { autocomplete: 'current-password' })),
  h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  h('p', {}, 'No account? ', h('a', { href: '/signup' }, 'Sign up'))));
}

export function signUp(main) {
  put(main, h('h1', {}, 'Create an account'), form(async data => {
    await api.register(data.email, data.password, data.displayName);
    flash('Welcome! Your account is ready.', 'ok');
    navigate('/projects');
  },
  field('Name', input('displayName', 'text', { autocomplete: 'name', maxlength: 100 })),
  field('E-mail', input('email', 'email', { autocomplete: 'username' })),
  field('Password', input('password', 'password', { autocomplete: 'new-password', minlength: 8 }), 'At least 8 characters, not a common password.'),
  h('button', { type: 'submit', class: 'primary' }, 'Sign up')));
}

export function account(main) {
  const user = api.user();
  put(main, h('h1', {}, 'Your account'),
    h('dl', { class: 'facts' }, h('dt', {}, 'E-mail'), h('dd', {}, user.email), h('dt', {}, 'Role'), h('dd', {}, user.role),
      h('dt', {}, 'User id'), h('dd', { id: 'user-id' }, user.id)),
    h('p', {}, 'A project owner adds you to a project with your user id.'),
    h('h2', {}, 'Change password'),
    form(async data => {
      await api.request('PUT', '/api/v1/me/password', { body: { currentPassword: data.currentPassword, newPassword: data.newPassword } });
      // Every session of the account ends with the change: sign in again with the new password.
      await api.login(user.email, data.newPassword);
      flash('Password changed. Other sessions were signed out.', 'ok');
      navigate('/account', { replace: true });
    },
    field('Current password', input('currentPassword', 'password', { autocomplete: 'current-password' })),
    field('New password', input('newPassword', 'password', { autocomplete: 'new-password', minlength: 8 })),
    h('button', { type: 'submit', class: 'primary' }, 'Change password')));
}
