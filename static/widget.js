// <kb-search>: KB Search as one tag pair on any page.
//
//   <script type="module" src="https://kb.example/widget.js"></script>
//   <kb-search></kb-search>
//
// Attributes (all optional):
//   base         URL of the KB site (default: where widget.js is served from)
//   placeholder  text of the empty box
//   limit        results shown (default 5)
//   target       where answers open: _blank (default) or _self
//   theme        auto (default, follows prefers-color-scheme), light, dark
//
// It renders inside a shadow root, so the page's CSS cannot reach it and
// its CSS cannot leak out. It costs one small stylesheet until used: the
// wasm engine starts loading on hover or focus, the index on focus.
// Everything else (search, cards, keyboard, ARIA) is the app's wasm.

const HERE = new URL('./', import.meta.url);
const engines = new Map(); // base URL → Promise of the initialised module

// The index is fetched by the wasm once it runs; a preload started at the
// same time as the module lets both downloads overlap.
function preloadIndex(base) {
  const href = new URL('kb.bundle', base).href;
  if (document.head.querySelector(`link[rel=preload][href="${CSS.escape(href)}"]`)) return;
  const link = document.createElement('link');
  link.rel = 'preload';
  link.as = 'fetch';
  link.crossOrigin = 'anonymous';
  link.href = href;
  document.head.append(link);
}

function loadEngine(base) {
  if (!engines.has(base.href)) {
    const module = import(new URL('app.js', base).href).then(async (m) => {
      await m.default({ module_or_path: new URL('app_bg.wasm', base) });
      return m;
    });
    module.catch(() => engines.delete(base.href)); // a later focus retries
    engines.set(base.href, module);
  }
  return engines.get(base.href);
}

class KbSearch extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const base = new URL(this.getAttribute('base') || HERE.href, document.baseURI);
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL('widget.css', base).href;
    const wrap = document.createElement('div');
    wrap.className = 'kb-root';
    wrap.setAttribute('part', 'root');
    const theme = this.getAttribute('theme');
    if (theme === 'light' || theme === 'dark') wrap.classList.add(`theme-${theme}`);
    // Until the engine arrives, a plain box of the same look takes the text.
    const box = document.createElement('textarea');
    box.className = 'search-box';
    box.rows = 1;
    box.spellcheck = false;
    box.placeholder = this.getAttribute('placeholder') || 'Search the knowledge base…';
    box.setAttribute('aria-label', 'Search the knowledge base');
    const status = document.createElement('div');
    status.className = 'status';
    status.setAttribute('role', 'status');
    wrap.append(box, status);
    root.append(style, wrap);

    const warm = () => { preloadIndex(base); loadEngine(base).catch(() => {}); };
    this.addEventListener('pointerenter', warm, { once: true });
    box.addEventListener('focus', () => this.start(base, wrap, box, status), { once: true });
  }

  async start(base, wrap, box, status) {
    status.textContent = 'Loading…';
    preloadIndex(base);
    try {
      const m = await loadEngine(base);
      const container = document.createElement('div');
      wrap.replaceChildren(container);
      // The app decides the defaults and the limits.
      m.mount_widget(container, {
        base: base.href,
        query: box.value,
        placeholder: box.placeholder,
        limit: this.getAttribute('limit'),
        target: this.getAttribute('target'),
      });
    } catch (error) {
      status.textContent = `Search could not load: ${error && error.message ? error.message : error}`;
      box.addEventListener('focus', () => this.start(base, wrap, box, status), { once: true });
    }
  }
}

if (!customElements.get('kb-search')) customElements.define('kb-search', KbSearch);
