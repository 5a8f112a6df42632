// kb.js: the built-in site's small enhancements. Every page works without
// it; with it, type indexes sort and filter, the timeline narrows by type,
// participant, risk and tag (kept in the URL), and search runs in the page.
(function () {
  "use strict";
  var base = document.body.getAttribute("data-base") || "/";

  // "/" focuses the search box, as on most documentation sites.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    var box = document.getElementById("search-q") || document.querySelector(".search-form input");
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });

  // ---- Type indexes: sort by any column, filter by title and enum values.
  function setupTable(table) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var heads = table.tHead.rows[0].cells;
    var tools = document.querySelector(".table-tools");
    var shown = tools && tools.querySelector(".shown");
    var text = tools && tools.querySelector(".table-filter");
    var selects = tools ? tools.querySelectorAll("select") : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      var btn = th.querySelector("button");
      if (!btn) return;
      btn.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-sort") || "", y = b.cells[col].getAttribute("data-sort") || "";
          if (x === y) return 0;
          if (x === "") return 1; // empty cells last either way
          if (y === "") return -1;
          var c = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
          return asc ? c : -c;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
    function apply() {
      var q = text ? text.value.trim().toLowerCase() : "";
      var n = 0;
      rows.forEach(function (r) {
        var ok = !q || r.cells[0].textContent.toLowerCase().indexOf(q) >= 0;
        Array.prototype.forEach.call(selects, function (s) {
          if (s.value && r.cells[+s.getAttribute("data-col")].textContent.trim() !== s.value) ok = false;
        });
        r.hidden = !ok;
        if (ok) n++;
      });
      if (shown) shown.textContent = n === rows.length ? rows.length + " pages" : n + " of " + rows.length + " pages";
    }
    if (tools) {
      tools.hidden = false;
      if (text) text.addEventListener("input", apply);
      Array.prototype.forEach.call(selects, function (s) { s.addEventListener("change", apply); });
      apply();
    }
  }
  var index = document.querySelector("table.index");
  if (index) setupTable(index);

  // ---- Timeline: filters apply at once and live in the URL, so that a
  // filtered view can be shared: /timeline/?participant=china&order=oldest.
  function setupTimeline(form, root) {
    var entries = Array.prototype.slice.call(root.querySelectorAll(".entry"));
    var tokens = entries.map(function (li) { return (li.getAttribute("data-f") || "").split(" "); });
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var shown = form.querySelector(".shown");
    var order = "newest";
    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var v = params.get(s.name);
      if (v !== null) {
        if (!Array.prototype.some.call(s.options, function (o) { return o.value === v; })) {
          var o = document.createElement("option"); // keep an unknown value visible, matching nothing
          o.value = v; o.textContent = v; s.appendChild(o);
        }
        s.value = v;
      }
    });
    function reorder(want) {
      if (want === order) return;
      order = want;
      var years = Array.prototype.slice.call(root.children).reverse();
      years.forEach(function (y) {
        root.appendChild(y);
        Array.prototype.slice.call(y.querySelectorAll(".month")).reverse().forEach(function (m) { y.appendChild(m); });
        y.querySelectorAll("ol.timeline").forEach(function (ol) {
          Array.prototype.slice.call(ol.children).reverse().forEach(function (li) { ol.appendChild(li); });
        });
      });
    }
    function apply(push) {
      var want = [];
      var q = new URLSearchParams();
      selects.forEach(function (s) {
        if (s.name === "order") {
          reorder(s.value || "newest");
          if (s.value === "oldest") q.set("order", "oldest");
          return;
        }
        if (s.value) { want.push(s.name + ":" + s.value); q.set(s.name, s.value); }
      });
      var n = 0;
      entries.forEach(function (li, i) {
        var ok = want.every(function (w) { return tokens[i].indexOf(w) >= 0; });
        li.hidden = !ok;
        if (ok) n++;
      });
      root.querySelectorAll(".month, .year").forEach(function (g) {
        g.hidden = !g.querySelector(".entry:not([hidden])");
      });
      if (shown) shown.textContent = n === entries.length ? n + " entries" : n + " of " + entries.length + " entries";
      if (push) {
        var s = q.toString();
        history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
      }
    }
    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply(false);
  }
  var tf = document.getElementById("timeline-filters");
  var tl = document.getElementById("timeline");
  if (tf && tl) setupTimeline(tf, tl);

  // ---- Search: loads search.json once and ranks pages in the browser.
  var results = document.getElementById("search-results");
  var box = document.getElementById("search-q");
  if (results && box) setupSearch(box, results, document.querySelector(".search-status"));

  function setupSearch(box, list, status) {
    var docs = null;
    var q0 = new URLSearchParams(location.search).get("q") || "";
    box.value = q0;
    function fold(s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
    function load() {
      if (docs) return Promise.resolve(docs);
      status.textContent = "Loading the index…";
      return fetch(base + "search.json").then(function (r) { return r.json(); }).then(function (d) {
        docs = d.map(function (x) {
          return { d: x, t: fold(x.t), a: fold(x.a || ""), g: fold(x.g || ""), s: fold(x.s || ""), x: fold(x.x || "") };
        });
        return docs;
      });
    }
    function esc(s) { return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
    // foldAt folds text as fold does, and says for each character of the
    // result which character of text it came from: folding can change
    // the length ("ﬁ" stays, but a Hangul syllable becomes its letters).
    function foldAt(text) {
      var folded = "", at = [];
      for (var i = 0; i < text.length; i++) {
        var f = fold(text[i]);
        for (var k = 0; k < f.length; k++) { folded += f[k]; at.push(i); }
      }
      at.push(text.length);
      return { folded: folded, at: at };
    }
    // highlight escapes text and marks where the (folded) terms occur
    // in it, as the search matched them: "etat" marks "État". The marks
    // are found in the text first and written once, so that no term is
    // looked for in the markup or in an escape ("ma" in "<mark>", "amp"
    // in "&amp;").
    function highlight(text, terms) {
      var f = foldAt(text), marked = new Array(text.length + 1).fill(false);
      terms.forEach(function (t) {
        if (t.length < 2) return;
        for (var j = f.folded.indexOf(t); j >= 0; j = f.folded.indexOf(t, j + 1)) {
          for (var m = f.at[j]; m <= f.at[j + t.length - 1]; m++) marked[m] = true;
        }
      });
      var out = "", from = 0;
      for (var e = 1; e <= text.length; e++) {
        if (e === text.length || marked[e] !== marked[from]) {
          var part = esc(text.slice(from, e));
          out += marked[from] ? "<mark>" + part + "</mark>" : part;
          from = e;
        }
      }
      return out;
    }
    function snippet(doc, terms) {
      var text = doc.d.x || "";
      var at = -1;
      if (terms.some(function (t) { return doc.x.indexOf(t) >= 0; })) {
        var f = foldAt(text); // where in text, for the first term found
        terms.some(function (t) { var j = f.folded.indexOf(t); at = j >= 0 ? f.at[j] : -1; return at >= 0; });
      }
      if (at < 0) return doc.d.s || quote(text, 0, 180, 0);
      return quote(text, Math.max(0, at - 80), Math.min(text.length, at + 140), at);
    }
    // quote is text from..to, moved in to spaces (but not past keep) so
    // that it starts and ends on whole words, with "…" where it is cut. A
    // line ends a block of the page (a heading, a paragraph, a list item);
    // one that ends without punctuation, such as a heading, is marked " · ".
    function quote(text, from, to, keep) {
      function space(c) { return c === " " || c === "\n"; }
      if (from > 0 && !space(text[from - 1])) {
        var f = from;
        while (f < keep && !space(text[f])) f++;
        if (f < keep) from = f + 1;
      }
      if (to < text.length && !space(text[to])) {
        var e = to;
        while (e > keep && !space(text[e])) e--;
        if (e > keep) to = e;
      }
      return (from > 0 ? "…" : "") + blocks(text.slice(from, to)) + (to < text.length ? "…" : "");
    }
    function blocks(s) { return s.replace(/([.,;:!?)。，；：！？）」])\n/g, "$1 ").replace(/\n/g, " · "); }
    function run() {
      var q = box.value.trim();
      var params = q ? "?q=" + encodeURIComponent(q) : "";
      history.replaceState(null, "", location.pathname + params);
      if (!q) { list.innerHTML = ""; status.textContent = ""; return; }
      load().then(function (all) {
        var terms = fold(q).split(/\s+/).filter(Boolean);
        var hits = [];
        all.forEach(function (doc) {
          var score = 0;
          for (var i = 0; i < terms.length; i++) {
            var t = terms[i], s = 0;
            if (doc.t === t) s += 30;
            if (doc.t.indexOf(t) >= 0) s += 10;
            if (doc.a.indexOf(t) >= 0) s += 8;
            if (doc.g.indexOf(t) >= 0) s += 4;
            if (doc.s.indexOf(t) >= 0) s += 3;
            if (doc.x.indexOf(t) >= 0) s += 1;
            if (!s) return; // every term must match somewhere
            score += s;
          }
          hits.push({ doc: doc, score: score });
        });
        hits.sort(function (a, b) { return b.score - a.score || a.doc.d.t.localeCompare(b.doc.d.t); });
        status.textContent = hits.length ? hits.length + (hits.length === 1 ? " page" : " pages") : "No page matches “" + q + "”.";
        list.innerHTML = hits.slice(0, 50).map(function (h) {
          var d = h.doc.d;
          return '<li><a href="' + esc(d.u) + '">' + highlight(d.t, terms) + '</a> <span class="badge">' + esc(d.y) +
            '</span><p class="snippet">' + highlight(snippet(h.doc, terms), terms) + "</p></li>";
        }).join("");
      }).catch(function () { status.textContent = "The search index could not be loaded."; });
    }
    var timer = 0;
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    box.form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    if (q0) run();
  }
})();
