// The one place the app turns markup into DOM: an article's html, which the server renders
// from markdown and sanitises (CommonMark with raw HTML escaped, then jsoup's relaxed
// safelist: no scripts, no event handlers, no javascript: links). It is parsed in an
// inert document (DOMParser runs no script and loads nothing) and walked once more
// against a small safelist before it is adopted, so a server bug alone cannot put a
// script in the page, and the CSP (no inline script) is a third wall.

const TAGS = new Set(['a', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'div',
  'dl', 'dt', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre',
  'q', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  'u', 'ul']);
const ATTRIBUTES = new Set(['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'start', 'cite', 'lang', 'scope']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite']);
const SAFE_URL = /^(?:https?:|mailto:|\/(?!\/)|#|[^:]*$)/i;

/** A fragment of the sanitised html, ready to append. */
export function fragment(html) {
  const doc = new DOMParser().parseFromString(`<body>${html || ''}</body>`, 'text/html');
  clean(doc.body);
  const out = document.createDocumentFragment();
  out.append(...Array.from(doc.body.childNodes).map(node => document.adoptNode(node)));
  return out;
}

function clean(parent) {
  for (const node of Array.from(parent.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) continue;
    if (node.nodeType !== Node.ELEMENT_NODE) { node.remove(); continue; }
    const tag = node.localName;
    if (!TAGS.has(tag)) {
      // Unknown wrappers keep their text; script-like elements go whole.
      if (['script', 'style', 'iframe', 'object', 'embed', 'template', 'svg', 'math'].includes(tag)) node.remove();
      else { clean(node); node.replaceWith(...Array.from(node.childNodes)); }
      continue;
    }
    for (const attribute of Array.from(node.attributes)) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\u0000-\u0020]/g, '');
      if (!ATTRIBUTES.has(name) || (URL_ATTRIBUTES.has(name) && !SAFE_URL.test(value))) node.removeAttribute(attribute.name);
    }
    // Links out of the app open as plain links, without handing the page to the target.
    if (tag === 'a' && /^https?:/i.test(node.getAttribute('href') || '')) node.setAttribute('rel', 'noopener noreferrer');
    clean(node);
  }
}
