// Starts the search app on the home page: loads the wasm module that sits
// next to this file. An external module rather than an inline script, so
// the site runs under `script-src 'self' 'wasm-unsafe-eval'`.
import init from './app.js';

init({ module_or_path: new URL('app_bg.wasm', import.meta.url) }).catch((error) => {
  const message = `Search could not start: ${error && error.message ? error.message : error}`;
  if (window.__kbSettle) window.__kbSettle.reject(new Error(message));
  const status = document.querySelector('#kb-app .status');
  if (status) {
    status.textContent = message;
    status.classList.add('error');
  }
});
