// KB Search public API, defined before the wasm engine loads so that
// embedders and tests can call it as soon as the page starts:
//   window.kbReady               Promise, resolved when the engine can answer
//   window.kbSearch(query, limit) Promise<[{id, title, score, section, statuses, ...}]>
// Calls made before the engine is ready wait for it. The wasm app settles
// this promise and replaces kbSearch with the engine's own function.
(function () {
  'use strict';
  // Parts of the static pages that only work with JavaScript show now.
  document.documentElement.classList.add('js');
  var settle = {};
  var ready = new Promise(function (resolve, reject) {
    settle.resolve = resolve;
    settle.reject = reject;
  });
  ready.catch(function () {}); // the page shows load errors itself
  window.kbReady = ready;
  window.__kbSettle = settle;
  window.kbSearch = function (query, limit) {
    return window.kbReady.then(function () {
      return window.kbSearch(query, limit);
    });
  };
})();
