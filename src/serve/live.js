// thutuc serve: live reload. Injected by the preview server only, never by `thutuc build`.
// Long-polls /__thutuc/version; reloads on a new build; lists the problems of a failed
// build in a fixed panel (text only: textContent, never HTML).
(function () {
  "use strict";
  var build = Number(new URL(document.currentScript.src).searchParams.get("build"));
  var generation = -1;
  var panel = null;

  function show(problems) {
    if (!panel) {
      panel = document.createElement("div");
      panel.id = "thutuc-problems";
      panel.setAttribute("role", "alert");
      panel.style.cssText =
        "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;" +
        "z-index:2147483647;margin:0;padding:12px 16px;background:#fff5f5;color:#5c0000;" +
        "border-top:4px solid #c00;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(panel);
    }
    panel.textContent = "";
    var title = document.createElement("strong");
    title.textContent =
      "thutuc: " + problems.length + " problem(s); this page shows the last good build.";
    panel.appendChild(title);
    problems.forEach(function (p) {
      var line = document.createElement("div");
      var where = p.file ? p.file + ":" + p.line + ":" + p.column + ": " : "";
      line.textContent = where + (p.field ? p.field + ": " : "") + p.message;
      panel.appendChild(line);
    });
  }

  function poll() {
    fetch("/__thutuc/version?since=" + generation, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        generation = s.generation;
        if (s.problems.length) {
          show(s.problems);
        } else {
          if (panel) { panel.remove(); panel = null; }
          if (s.build !== build) { location.reload(); return; }
        }
        poll();
      }, function () { setTimeout(poll, 1000); });
  }
  poll();
})();
