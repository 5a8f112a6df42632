// kb serve's live reload: reloads this tab when its page changed, swaps
// stylesheets in place when only CSS changed, and shows a bad save's
// problems over the page until the next good save, or the site's errors
// while it has any.
(function () {
  "use strict";
  var key = "kb-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, +saved); });
  }
  function here() {
    try { return decodeURIComponent(location.pathname); } catch (e) { return location.pathname; }
  }
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  function swapCSS() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
      var u = new URL(l.href);
      u.searchParams.set("kb", Date.now());
      var n = l.cloneNode();
      n.href = u.toString();
      n.onload = function () { l.remove(); };
      l.after(n);
    });
  }
  var overlay = null;
  function show(st) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "kb-problems";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#1e1e1e;color:#f1f1f1;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:14px 18px;" +
        "border-top:4px solid #e5534b;box-shadow:0 -4px 18px rgba(0,0,0,.35)";
      document.body.appendChild(overlay);
    }
    overlay.innerHTML = "";
    var h = document.createElement("div");
    h.style.cssText = "font-weight:bold;color:#ff938a;margin-bottom:6px";
    var n = st.errors + (st.errors === 1 ? " error" : " errors");
    h.textContent = st.held ?
      "kb: the last save has " + n + "; this page is the last good build. Fix it and save again." :
      "kb: the site has " + n + ". Saves that bring no new one show at once; fix these when you can.";
    overlay.appendChild(h);
    st.problems.forEach(function (p) {
      var line = document.createElement("div");
      line.textContent = p;
      line.style.color = p.indexOf(": error: ") >= 0 ? "#f1f1f1" : "#c9c9a0";
      line.style.whiteSpace = "pre-wrap";
      overlay.appendChild(line);
    });
    if (st.more > 0) {
      var more = document.createElement("div");
      more.style.cssText = "margin-top:6px;color:#ff938a";
      more.textContent = "… and " + st.more + " more. kb check lists them all.";
      overlay.appendChild(more);
    }
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  var es = new EventSource("/_kb/events");
  es.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
  es.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    var mine = d.pages.indexOf(here()) >= 0;
    hide();
    if (mine || d.other) { reload(); return; }
    if (d.css) swapCSS();
  });
})();
