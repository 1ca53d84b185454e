(function () {
  "use strict";
  // Filters: unticking a pack or a severity hides its rows, its items in the cards and its highlights.
  function chosen(kind) {
    var out = {};
    document.querySelectorAll('input[data-filter="' + kind + '"]').forEach(function (box) { out[box.value] = box.checked; });
    return out;
  }
  function apply() {
    var packs = chosen("pack"), levels = chosen("severity");
    function shown(pack, level) { return packs[pack] !== false && levels[level] !== false; }
    document.querySelectorAll("tr[data-pack], .start li[data-pack]").forEach(function (row) {
      row.classList.toggle("hidden", !shown(row.dataset.pack, row.dataset.severity));
    });
    document.querySelectorAll(".tip .item").forEach(function (item) {
      item.classList.toggle("hidden", !shown(item.dataset.pack, item.dataset.severity));
    });
    document.querySelectorAll("mark[data-findings]").forEach(function (mark) {
      var any = mark.dataset.findings.split(" ").some(function (pair) {
        var parts = pair.split(":");
        return shown(parts[0], parts[1]);
      });
      mark.classList.toggle("off", !any);
    });
  }
  document.querySelectorAll("input[data-filter]").forEach(function (box) { box.addEventListener("change", apply); });
  apply();

  // A link to a highlight (a table row, the «start here» list) opens its card: the anchor is an
  // empty span just before the highlight, which takes the focus.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var anchor = id && document.getElementById(id);
    if (!anchor || !anchor.classList.contains("anchor")) return;
    document.querySelectorAll("mark.target").forEach(function (mark) { mark.classList.remove("target"); });
    // Every piece of the span is outlined (another finding may cut it in two); the first takes the focus.
    var pieces = [];
    document.querySelectorAll('.span-card[data-span="' + id + '"]').forEach(function (card) {
      var mark = card.closest("mark");
      if (mark && pieces.indexOf(mark) < 0) pieces.push(mark);
    });
    pieces.forEach(function (mark) { mark.classList.add("target"); });
    if (!pieces.length) return;
    pieces[0].focus({preventScroll: true});
    anchor.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
