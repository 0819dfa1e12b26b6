// kb serve's live preview, loaded by every page it serves (never by a
// deployed site): reloads the page after each good build, and shows the
// content errors of a failed one over the last good pages.
(function () {
  'use strict';
  // The build this page belongs to (kb serve names it in the script's URL).
  var shown = Number(new URL(document.currentScript.src).searchParams.get('build'));
  var overlay = null;

  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/__kb/live.css';
  document.head.appendChild(css);

  function showProblems(problems) {
    if (!overlay) {
      overlay = document.createElement('section');
      overlay.className = 'kb-live-overlay';
      overlay.setAttribute('role', 'alert');
      overlay.setAttribute('aria-label', 'Content errors');
      document.body.appendChild(overlay);
    }
    overlay.replaceChildren();
    var title = document.createElement('h2');
    title.textContent = problems.length === 1
      ? 'The content has 1 error: the page shows the last good build'
      : 'The content has ' + problems.length + ' errors: the page shows the last good build';
    var list = document.createElement('ul');
    problems.forEach(function (p) {
      var item = document.createElement('li');
      var where = document.createElement('code');
      where.className = 'kb-live-where';
      where.textContent = p.line > 0 ? p.file + ':' + p.line : p.file;
      var what = document.createElement('span');
      what.className = 'kb-live-message';
      what.textContent = p.message;
      item.append(where, what);
      list.appendChild(item);
    });
    var note = document.createElement('p');
    note.textContent = 'Save the fix: this clears by itself.';
    overlay.append(title, list, note);
  }

  var events = new EventSource('/__kb/events');
  events.onmessage = function (message) {
    var status = JSON.parse(message.data);
    if (status.kind === 'built') {
      if (status.generation !== shown) location.reload();
    } else if (status.kind === 'errors') {
      showProblems(status.problems);
    }
  };
})();
