// Starts the search app on the home page: loads the app module and its
// wasm, which sit next to this file, once the page's inline start script
// says so (`window.__kbStart`: after the first paint, or at once for a
// `?q=` link) and has preloaded them.
Promise.resolve(window.__kbStart)
  .then(() => import('./app.js'))
  .then(({ default: init }) => init({ module_or_path: new URL('app_bg.wasm', import.meta.url) }))
  .catch((error) => {
    const message = `Search could not start: ${error && error.message ? error.message : error}`;
    if (window.__kbSettle) window.__kbSettle.reject(new Error(message));
    const status = document.querySelector('#kb-app .status');
    if (status) {
      status.textContent = message;
      status.classList.add('error');
    }
  });
