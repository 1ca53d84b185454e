(function () {
  "use strict";
  // The paste page, live: the draft is edited in place, underlined where tadqiq finds something,
  // re-checked after a pause in typing, with one card per span beside it whose fix is applied in
  // the text itself. Without JavaScript the page stays a plain form (the .static part).
  var PAUSE_MS = 700;
  var form = document.querySelector("form.draft");
  var area = document.getElementById("text");
  var editor = document.getElementById("editor");
  var cards = document.getElementById("cards");
  var status = document.getElementById("status");
  var counts = document.getElementById("counts");
  var applyAll = document.getElementById("apply-all-live");
  var dateInput = document.getElementById("date");
  var keyInput = form.querySelector('input[name="apiKey"]');
  var labels = JSON.parse(cards.dataset.labels);
  var ORDER = {error: 0, warning: 1, info: 2};
  var timer = null, checked = null, spans = [], serial = 0;

  document.body.classList.add("live");
  try { editor.contentEditable = "plaintext-only"; } catch (e) { /* not supported */ }
  if (editor.contentEditable !== "plaintext-only") editor.contentEditable = "true";
  editor.textContent = area.value;

  function text() { return editor.textContent; }

  // --- The caret, as a character offset, kept across re-rendering -----------------------------
  function caret() {
    var sel = window.getSelection();
    if (!sel.rangeCount || !editor.contains(sel.focusNode)) return null;
    var range = document.createRange();
    range.selectNodeContents(editor);
    range.setEnd(sel.focusNode, sel.focusOffset);
    return range.toString().length;
  }
  function point(offset) {
    var walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT), node, last = null;
    while ((node = walker.nextNode())) {
      if (offset <= node.length) return {node: node, offset: offset};
      offset -= node.length;
      last = node;
    }
    return last ? {node: last, offset: last.length} : {node: editor, offset: 0};
  }
  function placeCaret(offset) {
    if (offset === null) return;
    var at = point(offset), range = document.createRange();
    range.setStart(at.node, at.offset);
    range.collapse(true);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  // --- Typing: plain text only, and a check after each pause ------------------------------------
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      document.execCommand("insertText", false, "\n");
    }
  });
  editor.addEventListener("paste", function (event) {
    event.preventDefault();
    document.execCommand("insertText", false, (event.clipboardData || window.clipboardData).getData("text/plain"));
  });
  editor.addEventListener("input", function () {
    area.value = text();
    status.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(check, PAUSE_MS);
  });
  form.addEventListener("submit", function (event) {
    area.value = text();
    var button = event.submitter;
    if (button && button.id === "check") {  // «دقّق» checks at once, in place
      event.preventDefault();
      check();
    }
  });
  dateInput.addEventListener("change", check);

  function check() {
    clearTimeout(timer);
    var draft = text(), mine = ++serial;
    status.textContent = "يدقّق…";
    var headers = {"Content-Type": "application/json"};
    if (keyInput && keyInput.value) headers.Authorization = "Bearer " + keyInput.value;
    fetch("/api/v1/highlights", {method: "POST", headers: headers,
                                 body: JSON.stringify({text: draft, date: dateInput.value || null})})
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.error ? body.error.message : String(response.status));
          return body;
        });
      })
      .then(function (body) {
        if (mine !== serial || text() !== draft) return;  // typed on meanwhile: the next check shows
        checked = draft;
        show(draft, body.findings);
      })
      .catch(function (error) { if (mine === serial) status.textContent = "تعذّر التدقيق: " + error.message; });
  }

  // --- Underlines in the text, one card per span --------------------------------------------------
  function group(findings) {
    var bySpan = {}, out = [];
    findings.forEach(function (f) {
      var key = f.offset + ":" + f.length;
      if (!bySpan[key]) { bySpan[key] = {id: "s" + out.length, start: f.offset, end: f.offset + f.length, findings: []}; out.push(bySpan[key]); }
      bySpan[key].findings.push(f);
    });
    out.forEach(function (span) {
      span.findings.sort(function (a, b) { return ORDER[a.severity] - ORDER[b.severity]; });
      span.severity = span.findings[0].severity;
    });
    return out;
  }

  function gravest(list) {
    return list.reduce(function (worst, span) { return ORDER[span.severity] < ORDER[worst] ? span.severity : worst; }, "info");
  }

  function underline(draft) {
    var cuts = [0, draft.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (x, i, all) { return all.indexOf(x) === i; }).sort(function (a, b) { return a - b; });
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      spans.forEach(function (s) {  // an insertion point: an empty mark, not part of the text
        if (s.start === s.end && s.start === a) fragment.appendChild(mark("", [s]));
      });
      if (b === undefined) break;
      var covering = spans.filter(function (s) { return s.start < b && s.end > a; });
      var piece = draft.slice(a, b);
      fragment.appendChild(covering.length ? mark(piece, covering) : document.createTextNode(piece));
    }
    editor.replaceChildren(fragment);
  }

  function mark(piece, covering) {
    var element = document.createElement("mark");
    element.className = "sev-" + gravest(covering) + (piece ? (piece.trim().length <= 1 && piece.length <= 2 ? " narrow" : "") : " point");
    element.dataset.spans = covering.map(function (s) { return s.id; }).join(" ");
    if (piece) element.textContent = piece; else element.contentEditable = "false";
    return element;
  }

  function item(f) {
    var row = document.createElement("span");
    row.className = "item";
    var pill = document.createElement("span");
    pill.className = "pill " + f.severity;
    pill.textContent = labels[f.severity];
    row.append(pill, " " + f.message);
    var en = document.createElement("span");
    en.className = "en";
    en.textContent = f.message_en;
    var rule = document.createElement("span");
    rule.className = "rule";
    rule.textContent = f.rule;
    row.append(en, rule);
    if (f.fix !== null) {
      var fix = document.createElement("span");
      fix.className = "fix";
      var shown = document.createElement("b");
      shown.dir = "auto";
      shown.textContent = "«" + (f.fix || "(حذف)") + "»";
      fix.append("الإصلاح المقترح: ", shown, f.safe ? "" : " (للمراجعة)");
      row.appendChild(fix);
    }
    if (f.related && f.related.length) {  // other rules that saw the same problem
      var related = document.createElement("span");
      related.className = "related";
      related.append("ورصدتها أيضًا: ");
      f.related.forEach(function (r, i) {
        var id = document.createElement("span");
        id.className = "rule";
        id.textContent = r.rule;
        related.append(id, " (" + labels[r.severity] + ")" + (i < f.related.length - 1 ? "، " : ""));
      });
      row.appendChild(related);
    }
    return row;
  }

  function card(span, draft) {
    var box = document.createElement("div");
    box.className = "span-card " + span.severity;
    box.id = "card-" + span.id;
    box.dataset.span = span.id;
    var excerpt = document.createElement("span");
    excerpt.className = "excerpt";
    excerpt.dir = "auto";
    var words = draft.slice(span.start, span.end);
    excerpt.textContent = span.start === span.end ? "(موضع إدراج)" : !words.trim() ? "(مسافة)"
      : "«" + (words.length > 60 ? words.slice(0, 60) + "…" : words) + "»";
    box.appendChild(excerpt);
    span.findings.forEach(function (f) { box.appendChild(item(f)); });
    var safe = span.findings.filter(function (f) { return f.safe; })[0];
    if (safe) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "apply";
      button.textContent = "طبّق الإصلاح";
      button.addEventListener("click", function (event) { event.stopPropagation(); applyFixes([{start: span.start, end: span.end, fix: safe.fix}]); });
      box.appendChild(button);
    }
    box.addEventListener("click", function () { focusSpan(span.id, false); });
    return box;
  }

  function show(draft, findings) {
    var at = document.activeElement === editor ? caret() : null;
    spans = group(findings);
    underline(draft);
    if (at !== null) placeCaret(at);
    var ordered = spans.slice().sort(function (a, b) { return ORDER[a.severity] - ORDER[b.severity] || a.start - b.start; });
    cards.replaceChildren.apply(cards, ordered.map(function (s) { return card(s, draft); }));
    var n = {error: 0, warning: 0, info: 0};
    findings.forEach(function (f) { n[f.severity] += 1; });
    counts.textContent = findings.length ? ["error", "warning", "info"].filter(function (s) { return n[s]; })
      .map(function (s) { return labels[s] + ": " + n[s]; }).join(" · ") : "لا ملاحظات";
    applyAll.hidden = !findings.some(function (f) { return f.safe; });
    status.textContent = "دُقّق النص.";
  }

  function focusSpan(id, fromText) {
    editor.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
    cards.querySelectorAll(".span-card.active").forEach(function (c) { c.classList.remove("active"); });
    var box = document.getElementById("card-" + id);
    if (box) { box.classList.add("active"); if (fromText) box.scrollIntoView({block: "nearest"}); }
    var marks = Array.prototype.filter.call(editor.querySelectorAll("mark"), function (m) { return m.dataset.spans.split(" ").indexOf(id) >= 0; });
    marks.forEach(function (m) { m.classList.add("active"); });
    if (!fromText && marks.length) marks[0].scrollIntoView({block: "nearest"});
  }

  editor.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("mark");
    if (target) {
      // The gravest span under the pointer.
      var ids = target.dataset.spans.split(" ");
      var chosen = spans.filter(function (s) { return ids.indexOf(s.id) >= 0; })
        .sort(function (a, b) { return ORDER[a.severity] - ORDER[b.severity] || (a.end - a.start) - (b.end - b.start); })[0];
      if (chosen) focusSpan(chosen.id, true);
    }
  });

  // --- Fixes, applied in the text itself (so the browser's undo takes them back) ----------------
  function applyFixes(fixes) {
    if (text() !== checked) { check(); return; }  // the spans describe an older text
    // From the end, so earlier offsets stay true; overlapping fixes wait for the next check.
    fixes.sort(function (a, b) { return b.start - a.start; });
    var limit = Infinity;
    editor.focus();
    fixes.forEach(function (f) {
      if (f.end > limit) return;
      var from = point(f.start), to = point(f.end), range = document.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      if (f.fix) document.execCommand("insertText", false, f.fix); else if (f.end > f.start) document.execCommand("delete");
      limit = f.start;
    });
    area.value = text();
    check();
  }

  applyAll.addEventListener("click", function () {
    var fixes = [];
    spans.forEach(function (s) {
      var safe = s.findings.filter(function (f) { return f.safe; })[0];
      if (safe) fixes.push({start: s.start, end: s.end, fix: safe.fix});
    });
    applyFixes(fixes);
  });

  if (text()) check();
})();
