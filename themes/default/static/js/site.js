// tsutawaru default theme: the ふりがな switch. Progressive only: without JavaScript the
// page shows furigana as site.toml's [ruby] policy says, and the switch stays hidden.
// The reader's choice ("on" = furigana on every word, "off" = none) is kept in
// localStorage so it holds across pages; until they choose, the policy applies.
(function () {
  'use strict';
  var KEY = 'tsutawaru-furigana';
  var root = document.documentElement;
  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function apply(state) {
    root.classList.toggle('furigana-on', state === 'on');
    root.classList.toggle('furigana-off', state === 'off');
  }
  apply(stored());  // before the first paint: this script is loaded in <head>

  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('furigana-switch');
    if (!button) return;
    // What the page's policy shows: every reading (やさしい日本語 pages), some, or none.
    function policyState() {
      var shown = document.querySelector('main ruby:not(.rh)') !== null;
      var hidden = document.querySelector('main ruby.rh') !== null;
      return shown ? (hidden ? 'mixed' : 'true') : 'false';
    }
    function render() {
      var s = stored();
      var pressed = s === 'on' ? 'true' : s === 'off' ? 'false' : policyState();
      button.setAttribute('aria-pressed', pressed);
    }
    button.addEventListener('click', function () {
      var next = button.getAttribute('aria-pressed') === 'true' ? 'off' : 'on';
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: this page only */ }
      apply(next);
      render();
    });
    button.hidden = false;
    render();
  });
})();
