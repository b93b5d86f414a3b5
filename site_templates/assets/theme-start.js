/* The helpers the theme's script bundle expects to find before it loads: where the site starts
 * (its "scope"), and reading and writing the theme's settings in the browser's storage under
 * that scope. The theme writes them as an inline script; the handbook's Content-Security-Policy
 * runs scripts only from files of the site, so they live here. The scope comes from the
 * data-scope attribute of this script's own element, relative to the page. */
(function () {
  "use strict";
  const scope = new URL(document.currentScript.dataset.scope, location);
  const keyOf = (name, base) => `${base.pathname}.${name}`;
  window.__md_scope = scope;
  window.__md_hash = (text) => Array.from(text).reduce((hash, ch) => (hash << 5) - hash + ch.charCodeAt(0), 0);
  window.__md_get = (name, storage = localStorage, base = window.__md_scope) =>
    JSON.parse(storage.getItem(keyOf(name, base)));
  window.__md_set = (name, value, storage = localStorage, base = window.__md_scope) => {
    try {
      storage.setItem(keyOf(name, base), JSON.stringify(value));
    } catch (error) {
      /* storage full or switched off: the theme works without its settings */
    }
  };
})();
