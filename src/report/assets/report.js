// ptsm review report: sorting, filtering and paging of the documents,
// colouring of the map, the heatmap's cell lists, and the highlights of a
// document page. No request leaves the folder: data comes from the
// scripts in data/, loaded by the pages themselves.
(function () {
  "use strict";
  var page = document.body.dataset.page;
  var $ = function (s, root) { return (root || document).querySelector(s); };
  var $$ = function (s, root) { return Array.prototype.slice.call((root || document).querySelectorAll(s)); };
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "cls") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (kids || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function ready() {
    window.PTSM_READY_MS = performance.now();
    document.body.dataset.ready = "1";
  }
  // Printing shows what folded parts hold.
  window.addEventListener("beforeprint", function () {
    $$("details:not([open])").forEach(function (d) { d.setAttribute("open", ""); d.dataset.printOpened = "1"; });
  });
  window.addEventListener("afterprint", function () {
    $$("details[data-print-opened]").forEach(function (d) { d.removeAttribute("open"); delete d.dataset.printOpened; });
  });

  // A tooltip shared by the map and the document page.
  var tip = null;
  function showTip(html, x, y) {
    if (!tip) { tip = el("div", { id: "tip", role: "tooltip" }); document.body.appendChild(tip); }
    tip.textContent = "";
    html.forEach(function (part) { tip.appendChild(part); });
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(x + 14, window.innerWidth - w - 4)) + "px";
    tip.style.top = (y + 18 + h > window.innerHeight ? y - h - 10 : y + 18) + "px";
  }
  function hideTip() { if (tip) tip.hidden = true; }

  // ---------------------------------------------------------------- index
  function overview() {
    var rows = window.PTSM_DOCS || [];
    var PAGE = 50;
    var COL = { title: 1, issuer: 2, kind: 3, date: 4, territories: 5, groups: 7, actions: 9, warnings: 10 };
    var state = { key: null, dir: 1, page: 0, text: "", kind: "", mismatch: false, warn: false };
    var body = $("#docs-body"), pager = $("#pager"), status = $("#doc-status");
    var shown = rows;
    function mism(r) { return (r[6] !== null && r[6] !== r[7]) || (r[8] !== null && r[8] !== r[9]); }
    function apply() {
      var t = state.text.toLowerCase();
      shown = rows.filter(function (r) {
        if (state.kind && r[3] !== state.kind) return false;
        if (state.mismatch && !mism(r)) return false;
        if (state.warn && !r[10]) return false;
        if (t) {
          var hay = (r[1] + " " + (r[2] || "") + " " + r[5] + " " + r[14] + " " + r[3] + " " + (r[4] || "")).toLowerCase();
          if (hay.indexOf(t) < 0) return false;
        }
        return true;
      });
      if (state.key) {
        var c = COL[state.key], d = state.dir;
        shown = shown.slice().sort(function (a, b) {
          var x = a[c], y = b[c];
          if (x === null || x === "") return 1;
          if (y === null || y === "") return -1;
          if (typeof x === "number" && typeof y === "number") return (x - y) * d;
          return String(x).localeCompare(String(y), "fr", { sensitivity: "base", numeric: true }) * d;
        });
      }
      var pages = Math.max(1, Math.ceil(shown.length / PAGE));
      if (state.page >= pages) state.page = pages - 1;
      render(pages);
    }
    function counts(d, l) {
      var td = el("td", { cls: "num" + (d !== null && d !== l ? " mismatch" : "") }, [(d === null ? "—" : String(d)) + " / " + l]);
      if (d !== null && d !== l) { td.appendChild(el("span", { cls: "sr", text: " (declared and listed differ)" })); td.appendChild(document.createTextNode(" ≠")); }
      return td;
    }
    function render(pages) {
      var frag = document.createDocumentFragment();
      var start = state.page * PAGE;
      shown.slice(start, start + PAGE).forEach(function (r) {
        frag.appendChild(el("tr", null, [
          el("td", null, [el("a", { href: "doc/" + r[0] + ".html", text: r[1] }), el("br"), el("span", { cls: "file", text: r[14] })]),
          el("td", { text: r[2] || "—" }),
          el("td", { text: r[3] }),
          el("td", { cls: "nowrap", text: r[4] || "—" }),
          el("td", { text: r[5] }),
          counts(r[6], r[7]),
          counts(r[8], r[9]),
          el("td", { cls: "num", text: String(r[10]) })
        ]));
      });
      body.textContent = "";
      body.appendChild(frag);
      status.textContent = shown.length
        ? "Showing documents " + (start + 1) + "–" + Math.min(start + PAGE, shown.length) + " of " + shown.length + (shown.length < rows.length ? " (filtered from " + rows.length + ")" : "") + "."
        : "No document matches.";
      pager.textContent = "";
      function btn(label, to, opts) {
        var b = el("button", { type: "button", text: label });
        if (opts && opts.current) b.setAttribute("aria-current", "page");
        if (opts && opts.label) b.setAttribute("aria-label", opts.label);
        if (to < 0 || to >= pages || (opts && opts.current)) b.disabled = !(opts && opts.current);
        b.addEventListener("click", function () { state.page = to; render(pages); body.closest("table").scrollIntoView({ block: "start" }); });
        return b;
      }
      if (pages > 1) {
        pager.appendChild(btn("‹ Previous", state.page - 1, { label: "Previous page" }));
        var from = Math.max(0, Math.min(state.page - 3, pages - 7)), to = Math.min(pages, from + 7);
        if (from > 0) { pager.appendChild(btn("1", 0, { label: "Page 1" })); if (from > 1) pager.appendChild(el("span", { text: "…" })); }
        for (var i = from; i < to; i++) pager.appendChild(btn(String(i + 1), i, { current: i === state.page, label: "Page " + (i + 1) }));
        if (to < pages) { if (to < pages - 1) pager.appendChild(el("span", { text: "…" })); pager.appendChild(btn(String(pages), pages - 1, { label: "Page " + pages })); }
        pager.appendChild(btn("Next ›", state.page + 1, { label: "Next page" }));
      }
    }
    $$("th button[data-sort]").forEach(function (b) {
      b.addEventListener("click", function () {
        var k = b.dataset.sort;
        state.dir = state.key === k ? -state.dir : 1;
        state.key = k;
        $$("#docs thead th").forEach(function (th) { th.setAttribute("aria-sort", "none"); });
        b.parentNode.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
        apply();
      });
    });
    var timer = null;
    $("#f-text").addEventListener("input", function (e) {
      clearTimeout(timer);
      timer = setTimeout(function () { state.text = e.target.value.trim(); state.page = 0; apply(); }, 120);
    });
    $("#f-kind").addEventListener("change", function (e) { state.kind = e.target.value; state.page = 0; apply(); });
    $("#f-mismatch").addEventListener("change", function (e) { state.mismatch = e.target.checked; state.page = 0; apply(); });
    $("#f-warn").addEventListener("change", function (e) { state.warn = e.target.checked; state.page = 0; apply(); });
    $("#filters").addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  // ------------------------------------------------------------------ map
  function map() {
    var data = window.PTSM_MAP;
    if (!data) return;
    var metric = data.metrics[0];
    var paths = $$("path.dep");
    function nameOf(code) { return (data.names[code] || code) + " (" + code + ")"; }
    function colour() {
      paths.forEach(function (p) {
        var c = metric.classes[p.dataset.code] || 0;
        p.setAttribute("class", p.getAttribute("class").replace(/\bc\d\b/, "c" + c));
      });
      var lg = $("#legend");
      lg.textContent = "";
      lg.appendChild(el("span", { cls: "lt", text: metric.label + ": " }));
      metric.legend.forEach(function (e) {
        lg.appendChild(el("span", { cls: "li" }, [el("span", { cls: "key c" + e[1] }), " " + e[0]]));
      });
    }
    function tipFor(p) {
      var code = p.dataset.code, v = metric.values[code] || 0;
      return [el("strong", { text: nameOf(code) }), el("br"), document.createTextNode(metric.label + ": " + v)];
    }
    function select(p) {
      paths.forEach(function (q) { q.classList.remove("sel"); });
      p.classList.add("sel");
      var code = p.dataset.code, d = data.deps[code], box = $("#dep-detail");
      box.textContent = "";
      box.appendChild(el("h2", { text: nameOf(code) }));
      if (!d) { box.appendChild(el("p", { cls: "muted", text: "No document of the corpus is about this département." })); return; }
      box.appendChild(el("p", { text: d.docs + " document(s) about it, " + d.mentioned + " only mentioning it; " + d.groups + " working group(s), " + d.actions + " action(s)." }));
      if (d.subs.length) {
        box.appendChild(el("h3", { text: "Sub-departmental territories" }));
        var ul = el("ul", { cls: "plain" });
        d.subs.forEach(function (s) { ul.appendChild(el("li", { text: s[0] + " — " + s[1] + " document(s), " + s[2] + " group(s), " + s[3] + " action(s)" })); });
        box.appendChild(ul);
      }
      if (d.docList.length) {
        box.appendChild(el("h3", { text: "Documents" }));
        var ol = el("ul", { cls: "plain" });
        d.docList.forEach(function (x) { ol.appendChild(el("li", null, [el("a", { href: "doc/" + x[0] + ".html", text: x[1] })])); });
        box.appendChild(ol);
        if (d.docs > d.docList.length) box.appendChild(el("p", { cls: "muted", text: "… and " + (d.docs - d.docList.length) + " more (filter the documents by its name)." }));
      }
    }
    paths.forEach(function (p) {
      p.addEventListener("mousemove", function (e) { showTip(tipFor(p), e.clientX, e.clientY); });
      p.addEventListener("mouseleave", hideTip);
      p.addEventListener("focus", function () { var r = p.getBoundingClientRect(); showTip(tipFor(p), r.right, r.top); });
      p.addEventListener("blur", hideTip);
      p.addEventListener("click", function () { select(p); });
      p.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(p); } });
      var t = p.querySelector("title"); if (t) t.remove(); // the custom tooltip replaces it
    });
    $("#metric").addEventListener("change", function (e) {
      metric = data.metrics.filter(function (m) { return m.id === e.target.value; })[0] || data.metrics[0];
      colour();
    });
  }

  // -------------------------------------------------------------- heatmap
  function heatmap() {
    var rows = {};
    var pending = {};
    window.PTSM_HM_ROW = function (i, cells) { rows[i] = cells; (pending[i] || []).forEach(function (f) { f(); }); delete pending[i]; };
    function load(i, then) {
      if (rows[i]) return then();
      if (pending[i]) return pending[i].push(then);
      pending[i] = [then];
      document.body.appendChild(el("script", { src: "data/heatmap/" + i + ".js" }));
    }
    var heads = $$("#heat thead th.rot");
    var box = $("#cell-detail");
    $$("#heat button.cell").forEach(function (b) {
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", function () {
        $$("#heat button.cell[aria-pressed=true]").forEach(function (x) { x.setAttribute("aria-pressed", "false"); });
        b.setAttribute("aria-pressed", "true");
        var r = +b.dataset.r, c = +b.dataset.c;
        var rowName = b.closest("tr").querySelector("th").textContent;
        load(r, function () {
          var items = (rows[r] || {})[c] || [];
          box.textContent = "";
          box.appendChild(el("h2", { text: rowName + " × " + heads[c].title }));
          var ul = el("ul", { cls: "plain" });
          items.forEach(function (it) {
            ul.appendChild(el("li", null, [
              el("span", { cls: "chip", text: it[0] ? "action" : "group" }), " ",
              el("a", { href: "doc/" + it[2] + ".html#f" + it[3], text: it[1] })
            ]));
          });
          box.appendChild(ul);
          box.focus({ preventScroll: true });
          box.scrollIntoView({ block: "nearest" });
        });
      });
    });
  }

  // ------------------------------------------------------------- document
  function docPage() {
    var text = $("#text");
    var pv = $("#pageview");
    var thumbs = pv ? JSON.parse(pv.dataset.pages) : [];
    function pointerOf(m) { return (m.id || m.dataset.of || "").slice(1); }
    function showPage(m) {
      if (!pv || !thumbs.length) return;
      var p = +(m && m.dataset.p) || thumbs[0][0];
      var t = thumbs.filter(function (x) { return x[0] === p; })[0];
      if (!t) return;
      var img = $("#pv-img"), box = $("#pv-box");
      if (img.getAttribute("src") !== t[1]) img.setAttribute("src", t[1]);
      img.alt = "Page " + p + " of the source";
      var b = m && m.dataset.b ? m.dataset.b.split(" ").map(Number) : null;
      if (b) {
        box.hidden = false;
        box.style.left = (b[0] / t[2] * 100) + "%";
        box.style.top = ((t[3] - b[3]) / t[3] * 100) + "%";
        box.style.width = Math.max(0.5, (b[2] - b[0]) / t[2] * 100) + "%";
        box.style.height = Math.max(0.5, (b[3] - b[1]) / t[3] * 100) + "%";
      } else box.hidden = true;
      $("#pv-cap").textContent = "Page " + p + (m ? " — " + m.dataset.l : "");
    }
    function parts(m) {
      var ptr = "f" + pointerOf(m);
      return [document.getElementById(ptr)].concat($$("mark[data-of]", text).filter(function (x) { return x.dataset.of === ptr; })).filter(Boolean);
    }
    var selected = [];
    function select(m, scroll) {
      selected.forEach(function (x) { x.classList.remove("sel"); });
      selected = parts(m);
      selected.forEach(function (x) { x.classList.add("sel"); });
      if (scroll) m.scrollIntoView({ block: "center" });
      showPage(m);
    }
    function tipFor(m) {
      return [document.createTextNode(m.dataset.l), el("br"), el("code", { text: pointerOf(m) })];
    }
    if (text) {
      text.addEventListener("mouseover", function (e) {
        var m = e.target.closest("mark");
        if (!m) return hideTip();
        var r = m.getBoundingClientRect();
        showTip(tipFor(m), e.clientX, r.bottom - 14);
      });
      text.addEventListener("mouseleave", hideTip);
      text.addEventListener("click", function (e) { var m = e.target.closest("mark"); if (m) select(m, false); });
      var marks = $$("mark[id]", text);
      var at = -1;
      document.addEventListener("keydown", function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        if (/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) return;
        if (e.key !== "n" && e.key !== "p") return;
        if (!marks.length) return;
        at = e.key === "n" ? (at + 1) % marks.length : (at - 1 + marks.length) % marks.length;
        var m = marks[at];
        m.tabIndex = -1;
        m.focus({ preventScroll: true });
        select(m, true);
        var r = m.getBoundingClientRect();
        showTip(tipFor(m), r.left, r.bottom - 14);
      });
    }
    function fromHash() {
      var id = decodeURIComponent(location.hash.slice(1));
      var m = id && document.getElementById(id);
      if (m && m.tagName === "MARK") {
        select(m, true);
        m.classList.add("flash");
        setTimeout(function () { m.classList.remove("flash"); }, 1600);
      }
    }
    window.addEventListener("hashchange", fromHash);
    fromHash();
    if (!selected.length) showPage(null);
  }

  if (page === "overview") overview();
  else if (page === "map") map();
  else if (page === "heatmap") heatmap();
  else if (page === "doc") docPage();
  ready();
})();
