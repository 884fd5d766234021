// History-API routing: the server answers every page path with the same shell, the router
// draws the page. Same-origin links are intercepted; anything under /api is left alone.

const routes = [];
let cleanup = null;
let shown = null; // the path and query drawn now

export function route(pattern, page, options = {}) {
  const names = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => { names.push(name); return '([^/]+)'; })}$`);
  routes.push({ regex, names, page, options });
}

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  return render();
}

/** Pages may return a function that stops their timers and streams when the user leaves. */
export async function render() {
  if (cleanup) { cleanup(); cleanup = null; }
  const url = new URL(location.href);
  shown = url.pathname + url.search;
  const main = document.getElementById('main');
  // A message belongs to the page it was shown on, or to the next one when it announced
  // the navigation itself (said just before it).
  const flash = document.getElementById('flash');
  if (Date.now() - Number(flash.dataset.at || 0) > 1500) flash.replaceChildren();
  for (const { regex, names, page, options } of routes) {
    const match = regex.exec(url.pathname);
    if (!match) continue;
    const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
    const guard = options.guard && options.guard();
    if (guard) return navigate(guard, { replace: true });
    main.replaceChildren();
    main.setAttribute('aria-busy', 'true');
    try {
      const result = await page(main, params, url.searchParams);
      if (typeof result === 'function') cleanup = result;
    } catch (error) {
      // A page whose data cannot be read says why instead of staying blank: hidden or
      // missing (404), signed out meanwhile (401), or the server cannot be reached.
      if (error && error.status === 401) return navigate(`/signin?next=${encodeURIComponent(url.pathname)}`, { replace: true });
      const title = error && error.status === 404 ? 'Not found' : 'This page cannot be shown';
      const detail = error && error.status ? (error.detail || error.title) : 'The server cannot be reached; try again.';
      main.replaceChildren(Object.assign(document.createElement('h1'), { textContent: title }),
        Object.assign(document.createElement('p'), { textContent: detail, className: 'msg error' }));
    } finally {
      main.removeAttribute('aria-busy');
    }
    const heading = main.querySelector('h1');
    document.title = heading ? `${heading.textContent} · Fortress` : 'Fortress';
    if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus({ preventScroll: true }); }
    return;
  }
  main.replaceChildren(Object.assign(document.createElement('h1'), { textContent: 'Page not found' }));
}

export function start() {
  document.addEventListener('click', event => {
    const link = event.target.closest('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/') || link.hasAttribute('download')) return;
    // A link within the page (#cite-2) is the browser's to follow: it scrolls, nothing to draw.
    if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
  // Following a #fragment link fires popstate too: the page is the same, nothing to redraw.
  window.addEventListener('popstate', () => { if (location.pathname + location.search !== shown) render(); });
  return render();
}
