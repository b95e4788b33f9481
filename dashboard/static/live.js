// Live updates: refetch the page every data-refresh seconds and swap its
// <main> in place. Without JavaScript the pages read the same; reload for
// fresh numbers.
(function () {
  "use strict";
  var secs = parseInt(document.body.getAttribute("data-refresh"), 10);
  if (!(secs > 0)) return;
  function busy() {
    var a = document.activeElement;
    return a && (a.tagName === "INPUT" || a.tagName === "SELECT" || a.tagName === "BUTTON");
  }
  function tick() {
    if (document.hidden || busy()) return;
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("main"), cur = document.getElementById("main");
        if (fresh && cur && !busy()) cur.replaceWith(fresh);
      })
      .catch(function () {});
  }
  setInterval(tick, secs * 1000);
})();
