// Building DOM without innerHTML: every value from the API becomes a text node, so a task
// title such as <img onerror=…> is shown as typed and never parsed as markup.

/** h('a', {href: '/x', class: 'btn', onclick: fn}, 'text', child…) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Like Element.append, but skips null and false (the native one writes "null"). */
export function put(el, ...children) {
  return append(el, children);
}

export function clear(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A labelled form field; the label is tied to the control for screen readers. */
let fieldSeq = 0;
export function field(label, control, hint) {
  const id = control.id || `f${++fieldSeq}`;
  control.id = id;
  const hintEl = hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

export function select(name, options, value) {
  return h('select', { name }, options.map(option => {
    const [v, text] = Array.isArray(option) ? option : [option, option];
    return h('option', { value: v, selected: v === value }, text);
  }));
}

export function money(m) {
  if (!m) return '—';
  return new Intl.NumberFormat('en', { style: 'currency', currency: m.currency }).format(m.amount / 100);
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

/** Shows a message in the polite live region (read out by screen readers). */
export function flash(message, kind = 'info') {
  const box = document.getElementById('flash');
  box.dataset.at = Date.now();
  clear(box, message ? h('p', { class: `msg ${kind}` }, message) : null);
}

export function formData(form) {
  return Object.fromEntries(new FormData(form).entries());
}

/** Field errors of a validation problem, next to the form. */
export function problemText(problem) {
  const errors = (problem.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
  return [problem.detail || problem.title || problem.message, errors].filter(Boolean).join(' — ');
}

/**
 * A problem shown on its form: each field error beside its control (marked invalid and
 * described by the error), the detail and any error without a control in box. Calling it
 * with no problem clears what an earlier call showed.
 */
export function showProblem(form, problem, box) {
  form.querySelectorAll('.field-error').forEach(error => error.remove());
  form.querySelectorAll('[aria-invalid]').forEach(control => {
    control.removeAttribute('aria-invalid');
    if (control.dataset.describedby) control.setAttribute('aria-describedby', control.dataset.describedby);
    else control.removeAttribute('aria-describedby');
  });
  if (!problem) { clear(box); return; }
  const unplaced = [];
  (problem.errors || []).forEach((error, i) => {
    const control = form.querySelector(`[name="${String(error.field).replace(/[.[].*$/, '')}"]`);
    if (!control) { unplaced.push(`${error.field}: ${error.message}`); return; }
    const id = `${control.id || control.name}-error-${i}`;
    control.dataset.describedby = control.getAttribute('aria-describedby') || '';
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', `${control.dataset.describedby} ${id}`.trim());
    control.after(h('small', { class: 'field-error', id }, error.message));
  });
  const detail = problem.status ? (problem.detail || problem.title) : 'The server cannot be reached; try again.';
  clear(box, h('p', { class: 'msg error', role: 'alert' }, [detail, ...unplaced].filter(Boolean).join(' — ')));
}
