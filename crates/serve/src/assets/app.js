// The workbench page: uploads (drop or pick; folders keep their paths), then one run of the
// batch; progress polled from /status; the review page of the last complete dataset below.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("data").textContent);
  var el = function (id) { return document.getElementById(id); };
  var generation = -1;

  function send(method, url, body) {
    return fetch(url, { method: method, body: body, headers: { "X-XXGK-CSRF": D.csrf } });
  }

  // Every file of a drop, with its path inside the dropped folders.
  function walk(entry, path, out) {
    return new Promise(function (done) {
      if (entry.isFile) {
        entry.file(function (f) { out.push([path + f.name, f]); done(); }, done);
      } else if (entry.isDirectory) {
        var reader = entry.createReader(), all = [];
        (function more() {
          reader.readEntries(function (batch) {
            if (!batch.length) {
              Promise.all(all.map(function (e) { return walk(e, path + entry.name + "/", out); })).then(done);
            } else { all = all.concat(Array.prototype.slice.call(batch)); more(); }
          }, done);
        })();
      } else done();
    });
  }

  function upload(files) {
    if (!files.length) return;
    var sent = 0, refused = el("refused");
    refused.textContent = "";
    el("state").textContent = D.uploading + " 0/" + files.length;
    return files.reduce(function (chain, item) {
      return chain.then(function () {
        var say = function (why) {
          var li = document.createElement("li");
          li.textContent = D.refused + D.why[0] + item[0] + D.why[1] + why + D.why[2];
          refused.appendChild(li);
        };
        return send("PUT", "/upload?path=" + encodeURIComponent(item[0]), item[1]).then(function (r) {
          if (!r.ok) return r.text().then(say);
        }, function (e) { say(String(e)); });
      }).then(function () {
        sent += 1;
        el("state").textContent = D.uploading + " " + sent + "/" + files.length;
      });
    }, Promise.resolve()).then(function () { return send("POST", "/run"); }).then(poll);
  }

  var drop = el("drop");
  drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
  drop.addEventListener("drop", function (e) {
    e.preventDefault();
    drop.classList.remove("over");
    var out = [], items = Array.prototype.slice.call(e.dataTransfer.items || []);
    var entries = items.map(function (i) { return i.webkitGetAsEntry && i.webkitGetAsEntry(); });
    if (entries.length && entries.every(Boolean)) {
      Promise.all(entries.map(function (en) { return walk(en, "", out); })).then(function () { upload(out); });
    } else {
      upload(Array.prototype.map.call(e.dataTransfer.files, function (f) { return [f.name, f]; }));
    }
  });
  ["pick", "pick-dir"].forEach(function (id) {
    el(id).addEventListener("change", function () {
      upload(Array.prototype.map.call(this.files, function (f) {
        return [f.webkitRelativePath || f.name, f];
      }));
      this.value = "";
    });
  });

  function show(job) {
    var bar = el("bar").firstChild;
    bar.style.width = job.total ? (100 * job.done / job.total) + "%" : (job.running ? "5%" : "0");
    el("state").textContent = job.running ? D.reading + " " + job.done + "/" + (job.total || "…")
      : (job.error || (job.counts && job.counts[0] === 0 ? D.empty : ""));
    var counts = el("counts");
    counts.textContent = "";
    (job.counts || []).forEach(function (n, i) {
      var t = document.createElement("div"), b = document.createElement("b");
      t.className = "tile"; b.textContent = n; t.appendChild(b);
      t.appendChild(document.createTextNode(D.counts[i]));
      counts.appendChild(t);
    });
    if (job.generation !== generation && job.counts) {
      generation = job.generation;
      // The same view of the new dataset (a corrected report stays open).
      var view = el("view"), hash = "";
      try { hash = view.contentWindow.location.hash; } catch (e) { hash = ""; }
      view.src = "/out/report.html?g=" + generation + hash;
      var files = el("files");
      while (files.childNodes.length > 1) files.removeChild(files.lastChild);
      D.files.forEach(function (name) {
        if (name === "report.html") return;
        var a = document.createElement("a");
        a.href = "/out/" + name; a.textContent = name; files.appendChild(a);
      });
    }
  }

  // The review page asks for a new look after a correction.
  window.addEventListener("message", function (e) {
    if (e.origin === location.origin && e.data === "xxgk-run") setTimeout(poll, 100);
  });

  function poll() {
    fetch("/status").then(function (r) { return r.json(); }).then(function (job) {
      show(job);
      if (job.running) setTimeout(poll, 400);
    }, function () { setTimeout(poll, 2000); });
  }
  poll();
})();
