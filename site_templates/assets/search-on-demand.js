/* The search index is downloaded when a reader first opens search, not with every page.
 *
 * The index holds the text of the whole handbook: on a first visit it would be most of what a
 * phone downloads, for a search the reader may never use. The theme asks for it (with an
 * XMLHttpRequest) as soon as its script starts; this script, loaded just before, holds that one
 * request back until search is opened (the search field gets focus, by a tap, a click or the
 * theme's keys "s", "f" and "/"), or the page was reached from a search result (its address
 * carries the searched words for highlighting). Every other request goes out untouched. A site
 * opened from disk reads its index from a script file instead, and is not affected.
 * tests/browser/test_search.py checks all of this in Chromium.
 */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var forIndex = new WeakSet();
  var searchOpened = false;
  var held = [];

  function openSearch() {
    if (searchOpened) return;
    searchOpened = true;
    held.splice(0).forEach(function (release) { release(); });
  }

  XMLHttpRequest.prototype.open = function (method, address) {
    if (INDEX.test(String(address).split(/[?#]/)[0])) forIndex.add(this);
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (searchOpened || !forIndex.has(this)) return send.apply(this, arguments);
    var request = this;
    var body = arguments;
    held.push(function () { send.apply(request, body); });
  };

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-md-component=search-query]")) openSearch();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) openSearch();
  }, true);
  if (new URLSearchParams(window.location.search).has("h")) openSearch();
})();
