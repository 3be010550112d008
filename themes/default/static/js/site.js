// tsutawaru default theme: the reader's controls. Progressive only: without JavaScript the
// page shows the site's defaults (furigana by site.toml's [ruby] policy, the system's
// colours, the browser's text size) and the controls stay hidden.
// Choices are kept in localStorage so they hold across pages:
//   tsutawaru-furigana  "on" (every word) | "off" (none) | unset (the policy)
//   tsutawaru-size      "normal" | "large" | "x-large"        (文字サイズ)
//   tsutawaru-scheme    "white" | "black" | "blue"            (背景色)
(function () {
  'use strict';
  var root = document.documentElement;
  function get(key) {
    try { return localStorage.getItem('tsutawaru-' + key); } catch (e) { return null; }
  }
  function set(key, value) {
    try { localStorage.setItem('tsutawaru-' + key, value); } catch (e) { /* private mode: this page only */ }
  }
  function applyFurigana(state) {
    root.classList.toggle('furigana-on', state === 'on');
    root.classList.toggle('furigana-off', state === 'off');
  }
  function applySetting(key, value) {
    // "normal" size and "white" scheme are the defaults: no attribute, so a dark system
    // preference still applies until the reader picks a scheme.
    if (!value || (key === 'size' && value === 'normal')) root.removeAttribute('data-' + key);
    else root.setAttribute('data-' + key, value);
  }
  // Before the first paint: this script is loaded in <head>.
  applyFurigana(get('furigana'));
  applySetting('size', get('size'));
  applySetting('scheme', get('scheme'));

  document.addEventListener('DOMContentLoaded', function () {
    // 文字サイズ and 背景色: one pressed button per group.
    var buttons = document.querySelectorAll('button[data-setting]');
    function renderGroups() {
      for (var i = 0; i < buttons.length; i++) {
        var b = buttons[i];
        var current = get(b.getAttribute('data-setting')) ||
          (b.getAttribute('data-setting') === 'size' ? 'normal' : 'white');
        b.setAttribute('aria-pressed', b.getAttribute('data-value') === current ? 'true' : 'false');
      }
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function (event) {
        var b = event.currentTarget;
        set(b.getAttribute('data-setting'), b.getAttribute('data-value'));
        applySetting(b.getAttribute('data-setting'), b.getAttribute('data-value'));
        renderGroups();
      });
    }
    var groups = document.querySelectorAll('.tool-group');
    for (var g = 0; g < groups.length; g++) groups[g].hidden = false;
    renderGroups();

    // ふりがな: on for every word, off for none; until chosen, the page's policy.
    var button = document.getElementById('furigana-switch');
    if (!button) return;
    function policyState() {
      var shown = document.querySelector('main ruby:not(.rh)') !== null;
      var hidden = document.querySelector('main ruby.rh') !== null;
      return shown ? (hidden ? 'mixed' : 'true') : 'false';
    }
    function render() {
      var s = get('furigana');
      button.setAttribute('aria-pressed', s === 'on' ? 'true' : s === 'off' ? 'false' : policyState());
    }
    button.addEventListener('click', function () {
      var next = button.getAttribute('aria-pressed') === 'true' ? 'off' : 'on';
      set('furigana', next);
      applyFurigana(next);
      render();
    });
    button.hidden = false;
    render();
  });
})();
