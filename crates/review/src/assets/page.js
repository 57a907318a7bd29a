// The review page's one script: issue-list filters and sorting, and the per-report view drawn
// from the JSON in #data into the official-layout <template>. State lives in the URL fragment.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var U = D.ui;
  var FILTERS = { sev: "f-sev", rule: "f-rule", agency: "f-agency", q: "f-q" };
  var rows = Array.prototype.slice.call(document.querySelectorAll("#issues tbody tr"));

  function el(id) { return document.getElementById(id); }
  function params() { return new URLSearchParams(location.hash.slice(1)); }
  function node(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  // A link 原文 on a finding that fetches URL once and shows what `show` makes of its JSON
  // (the server's refusal, as text, where there is none to show).
  function original(li, id, url, show) {
    var a = node("a", U.original, "original");
    a.href = "#report=" + id;
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      if (a.dataset.busy || li.querySelector(".original:not(a)")) return;
      a.dataset.busy = "1";
      fetch(url)
        .then(function (res) { return res.ok ? res.json() : res.text().then(function (t) { throw t; }); })
        .then(function (v) {
          delete a.dataset.busy;
          var shown = show(v);
          li.appendChild(shown);
          var mark = shown.querySelector(".mark, .here, mark");
          if (mark) mark.scrollIntoView({ block: "center" });
        }, function (t) { delete a.dataset.busy; li.appendChild(node("span", String(t), "place")); });
    });
    li.appendChild(document.createTextNode(" "));
    li.appendChild(a);
  }
  function fmt(v) { return v === null || v === undefined ? "" : String(v); }

  // Info-level rows (notes, not defects) are hidden unless the toggle is on or the severity
  // filter asks for them.
  function applyFilter() {
    var want = {};
    Object.keys(FILTERS).forEach(function (k) { want[k] = el(FILTERS[k]).value; });
    var q = want.q.toLowerCase(), shown = 0;
    var infos = el("f-info").checked || want.sev === "info";
    rows.forEach(function (tr) {
      var ok = (infos || tr.dataset.sev !== "info") &&
        (!want.sev || tr.dataset.sev === want.sev) &&
        (!want.rule || tr.dataset.rule === want.rule) &&
        (!want.agency || tr.dataset.agency === want.agency) &&
        (!q || tr.textContent.toLowerCase().indexOf(q) >= 0);
      tr.hidden = !ok;
      if (ok) shown++;
    });
    el("f-count").textContent = shown;
    var empty = el("f-empty");
    empty.hidden = shown > 0;
    empty.textContent = missing.length ? U.no_such + missing.join("、") : U.empty;
    return want;
  }

  // Filter values asked for in the URL that this batch does not have (`#rule=R1` where no R1
  // was found): kept as an option, so that the list says so instead of showing every row.
  var missing = [];
  function choose(select, value) {
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    if (value && !known) {
      select.appendChild(node("option", value)).value = value;
      missing.push(value);
    }
    select.value = value;
  }

  function onFilter() {
    var want = applyFilter(), p = new URLSearchParams();
    Object.keys(want).forEach(function (k) { if (want[k]) p.set(k, want[k]); });
    if (el("f-info").checked) p.set("info", "1");
    history.replaceState(null, "", "#" + p.toString());
  }

  Object.keys(FILTERS).forEach(function (k) {
    el(FILTERS[k]).addEventListener("input", onFilter);
    el(FILTERS[k]).addEventListener("change", onFilter);
  });
  el("f-info").addEventListener("change", onFilter);

  document.querySelectorAll("table.sortable thead th").forEach(function (th) {
    th.addEventListener("click", function () {
      var body = th.closest("table").tBodies[0];
      var col = Array.prototype.indexOf.call(th.parentNode.children, th);
      var dir = th.dataset.dir === "asc" ? -1 : 1;
      th.parentNode.querySelectorAll("th").forEach(function (h) { delete h.dataset.dir; });
      th.dataset.dir = dir === 1 ? "asc" : "desc";
      var list = Array.prototype.slice.call(body.rows);
      list.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        return dir * (!isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, "zh-CN"));
      });
      list.forEach(function (r) { body.appendChild(r); });
    });
  });

  function show(id) {
    var r = D.reports[id], view = el("view");
    view.textContent = "";
    view.hidden = !r;
    if (!r) return;
    var back = node("a", U.back, "back");
    back.href = "#list";
    view.appendChild(back);
    view.appendChild(node("h2", r.file));
    var dl = node("dl");
    r.meta.forEach(function (m) { dl.appendChild(node("dt", m[0])); dl.appendChild(node("dd", m[1])); });
    view.appendChild(dl);
    if (!r.values.length) {
      var why = U[r.status] || U.failed;
      view.appendChild(node("p", why + (r.reason ? "：" + r.reason : ""), "reason"));
      view.scrollIntoView();
      return;
    }
    var tables = el("tables").content.cloneNode(true), cells = {};
    tables.querySelectorAll("td[data-i]").forEach(function (td) { cells[td.dataset.i] = td; });
    r.values.forEach(function (v, i) { if (cells[i]) cells[i].textContent = fmt(v); });
    Object.keys(r.marks).forEach(function (i) {
      var td = cells[i], t = r.marks[i];
      if (!td) return;
      td.classList.add(t === "" ? "blank" : "mark");
      td.textContent = t;
      td.title = t === "" ? U.blank : U.mark + "「" + t + "」→ " + fmt(r.values[i]);
    });
    r.missing.forEach(function (i) {
      if (cells[i]) { cells[i].classList.add("missing"); cells[i].title = U.missing; }
    });
    Object.keys(r.corrected || {}).forEach(function (i) {
      if (cells[i]) { cells[i].classList.add("corrected"); cells[i].title = r.corrected[i]; }
    });
    // In the workbench (`xxgk serve`), a value is corrected by clicking it.
    var E = window.XXGK_EDIT;
    if (E) {
      Object.keys(cells).forEach(function (i) {
        var td = cells[i];
        td.classList.add("editable");
        td.addEventListener("click", function () {
          var asked;
          if (td.classList.contains("corrected") && window.confirm(U.correct_undo)) {
            asked = { file: r.file, index: Number(i), undo: true };
          } else {
            var now = r.values[i] === null ? "" : fmt(r.values[i]);
            var value = window.prompt(U.correct_value, now);
            if (value === null) return;
            var reason = window.prompt(U.correct_reason, "");
            if (reason === null || !reason.trim()) return;
            asked = { file: r.file, index: Number(i), value: value.trim(), reason: reason.trim() };
          }
          fetch("/correct", {
            method: "POST",
            headers: { "X-XXGK-CSRF": E.csrf, "Content-Type": "application/json" },
            body: JSON.stringify(asked)
          }).then(function (res) {
            if (res.ok) window.parent.postMessage("xxgk-run", location.origin);
            else res.text().then(function (t) { window.alert(t); });
          });
        });
      });
    }
    var list = node("ol", undefined, "findings");
    r.findings.forEach(function (f, k) {
      var exp = f.exp !== null && f.exp !== undefined;
      f.cells.forEach(function (i) {
        var td = cells[i];
        if (!td) return;
        td.classList.add(f.sev === "error" ? "bad" : "warn");
        td.title = (td.title ? td.title + "\n" : "") + f.rule + "：" + f.msg +
          (exp ? "（" + U.expected + " " + f.exp + "）" : "");
        td.dataset.f = (td.dataset.f ? td.dataset.f + " " : "") + k;
      });
      var li = node("li", undefined, f.sev);
      li.dataset.k = k;
      li.appendChild(node("b", f.rule));
      li.appendChild(document.createTextNode(" " + f.msg));
      if (exp) li.appendChild(node("span", U.expected + " " + f.exp + " · " + U.found + " " + fmt(f.found), "ef"));
      if (f.place) li.appendChild(node("span", U.place + "：" + f.place, "place"));
      // In the workbench, the original beside the finding: a text file's lines around the
      // place, the line marked; a PDF's page drawn, the place outlined; a structured file's
      // table as read, the place's cell marked, or the paragraphs around it.
      // (A file inside an archive has no original the server shows.)
      var own = r.file.indexOf("!/") < 0;
      if (E && own && f.line) original(li, id, "/source?file=" + encodeURIComponent(r.file) + "&line=" + f.line,
        function (src) {
          var pre = node("pre", undefined, "original");
          src.lines.forEach(function (l) {
            pre.appendChild(node(l[0] === f.line ? "mark" : "span", l[0] + "  " + l[1] + "\n"));
          });
          return pre;
        });
      if (E && own && f.at) original(li, id, "/original?file=" + encodeURIComponent(r.file) + "&at=" +
        encodeURIComponent(JSON.stringify(f.at)), function (v) {
          if (v.kind === "table") {
            var table = node("table", undefined, "original source-table");
            v.rows.forEach(function (row) {
              var tr = node("tr");
              row.forEach(function (c) {
                var td = node("td", c[0], c[3] ? "here" : undefined);
                if (c[1] > 1) td.rowSpan = c[1];
                if (c[2] > 1) td.colSpan = c[2];
                tr.appendChild(td);
              });
              table.appendChild(tr);
            });
            return table;
          }
          if (v.kind === "paragraphs") {
            var div = node("div", undefined, "original");
            v.items.forEach(function (p) { div.appendChild(node(p[1] ? "mark" : "p", p[0])); });
            return div;
          }
          var box = node("div", undefined, "original pageview");
          var img = document.createElement("img");
          img.src = URL.createObjectURL(new Blob([v.svg], { type: "image/svg+xml" }));
          img.alt = f.place;
          box.appendChild(img);
          if (v.mark) {
            var m = node("div", undefined, "mark");
            m.style.left = (v.mark[0] / v.width * 100) + "%";
            m.style.top = (v.mark[1] / v.height * 100) + "%";
            m.style.width = ((v.mark[2] - v.mark[0]) / v.width * 100) + "%";
            m.style.height = ((v.mark[3] - v.mark[1]) / v.height * 100) + "%";
            box.appendChild(m);
          }
          return box;
        });
      list.appendChild(li);
    });
    if (E) {
      view.appendChild(node("p", U.correct_hint, "hint"));
      var get = node("p", U.download_report, "hint");
      ["docx", "xlsx"].forEach(function (to) {
        var a = node("a", to.toUpperCase());
        a.href = "/render?file=" + encodeURIComponent(r.file) + "&to=" + to;
        get.appendChild(document.createTextNode(" "));
        get.appendChild(a);
      });
      var issues = node("a", U.department_issues, "issues");
      issues.href = "/issues?file=" + encodeURIComponent(r.file);
      issues.setAttribute("download", "");  // a refusal is a failed download, not a page
      get.appendChild(document.createTextNode(" · "));
      get.appendChild(issues);
      view.appendChild(get);
    }
    view.appendChild(tables);
    view.appendChild(node("h3", U.findings));
    view.appendChild(r.findings.length ? list : node("p", U.none));
    list.addEventListener("mouseover", function (e) {
      var li = e.target.closest("li");
      view.querySelectorAll("td.focus").forEach(function (td) { td.classList.remove("focus"); });
      if (!li) return;
      view.querySelectorAll("td[data-f]").forEach(function (td) {
        if (td.dataset.f.split(" ").indexOf(li.dataset.k) >= 0) td.classList.add("focus");
      });
    });
    view.scrollIntoView();
  }

  function route(first) {
    var p = params();
    var filtered = Object.keys(FILTERS).some(function (k) { return p.has(k); });
    if (first || filtered) {
      missing = [];
      Object.keys(FILTERS).forEach(function (k) {
        var input = el(FILTERS[k]), value = p.get(k) || "";
        if (input.tagName === "SELECT") choose(input, value);
        else input.value = value;
      });
      el("f-info").checked = p.get("info") === "1";
      applyFilter();
      if (filtered) el("list").scrollIntoView();
    }
    var id = p.get("report");
    if (id !== null) show(Number(id));
    else if (first && D.reports.length === 1) show(0);
    else el("view").hidden = true;
  }

  window.addEventListener("hashchange", function () { route(false); });
  route(true);
})();
