// The theme's search, on demand and scoped (navigator/sitebuild/search_scope.py). Loaded first in every
// page's <head>, before the theme's script asks for its index with XMLHttpRequest:
// - the index is downloaded only once the reader turns to search (points at or focuses the search box,
//   or opens a link that searches), not by every page view: a page is lighter, and a navigator page's
//   Python starts without the index competing for the two cores of a modest machine;
// - on a partnership's pages (this script's data-search-index), the index is that partnership's own, and
//   the search box says what it searches (data-search-scope).
(function () {
  "use strict";
  var script = document.currentScript;
  var scoped = script.dataset.searchIndex ? new URL(script.dataset.searchIndex, location.href).href : null;
  var wanted = false;
  var waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (send) {
      send();
    });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    var rest = Array.prototype.slice.call(arguments, 2);
    this.searchIndex = new URL(url, document.baseURI).pathname.endsWith("/search/search_index.json");
    var address = this.searchIndex && scoped ? scoped : url;
    return open.apply(this, [method, address].concat(rest));
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var body = arguments;
    if (!request.searchIndex || wanted) return send.apply(request, body);
    waiting.push(function () {
      send.apply(request, body);
    });
  };

  if (new URLSearchParams(location.search).has("q")) want(); // a link that opens with a search
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("input.md-search__input");
    if (!input) return;
    if (script.dataset.searchScope) input.placeholder = "Search " + script.dataset.searchScope;
    input.addEventListener("focus", want);
    var form = input.form || input;
    form.addEventListener("pointerenter", want);
    if (document.activeElement === input) want();
  });
})();
