// Small enhancements of the static pages (they read fine without it):
// copy buttons on code blocks, "Copy link" on answers, and "back" that
// returns to the search you came from.
(function () {
  'use strict';

  function copyButton(getText, label) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', label);
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(getText()).then(function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy'; }, 1500);
      }, function () {});
    });
    return button;
  }

  document.querySelectorAll('.answer-body pre').forEach(function (pre) {
    // A code block wider than the page scrolls: the keyboard can reach it.
    pre.tabIndex = 0;
    var wrap = document.createElement('div');
    wrap.className = 'pre-wrap';
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    wrap.appendChild(copyButton(function () { return pre.textContent; }, 'Copy code'));
  });

  document.querySelectorAll('[data-kb-copy-link]').forEach(function (button) {
    button.classList.add('ready');
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(location.href).then(function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy link'; }, 1500);
      }, function () {});
    });
  });

  // `/` and Ctrl/⌘-K focus the search widget in the header, as on the
  // search page.
  document.addEventListener('keydown', function (event) {
    // The real target, also inside the widget's shadow root.
    var target = event.composedPath()[0] || event.target;
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName || '') || target.isContentEditable;
    var key = event.key === '/' && !typing || (event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey);
    var widget = document.querySelector('kb-search');
    var box = widget && widget.shadowRoot && widget.shadowRoot.querySelector('.search-box');
    if (key && box) {
      event.preventDefault();
      box.focus();
    }
  });

  // "← All answers" goes back to the results when we came from them.
  document.querySelectorAll('[data-kb-back]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      var from = document.referrer && new URL(document.referrer);
      var home = new URL(link.getAttribute('href'), location.href);
      if (from && from.origin === home.origin && from.pathname === home.pathname && history.length > 1) {
        event.preventDefault();
        history.back();
      }
    });
  });
})();
