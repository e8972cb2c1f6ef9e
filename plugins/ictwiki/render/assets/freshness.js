// Re-check a page's review date against the reader's own date, so a page that fell
// overdue after the site was built still says so. Without script the built status stays.
(function () {
  "use strict";
  var LABELS = { binnenkort: "Binnenkort te herzien", verouderd: "Verouderd" };

  function isoToday() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function daysBetween(fromIso, toIso) {
    return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 86400000);
  }

  function recheck() {
    var article = document.querySelector("article[data-review-by]");
    if (!article) return;
    var status = article.getAttribute("data-freshness");
    if (status !== "actueel" && status !== "binnenkort") return;
    var soonDays = parseInt(article.getAttribute("data-due-soon-days") || "30", 10);
    var left = daysBetween(isoToday(), article.getAttribute("data-review-by"));
    var next = left < 0 ? "verouderd" : left <= soonDays ? "binnenkort" : status;
    if (next === status) return;
    article.setAttribute("data-freshness", next);
    var label = article.querySelector("[data-ictwiki-status]");
    if (label) label.textContent = LABELS[next];
    if (next === "verouderd") {
      var banner = article.querySelector('[data-ictwiki-banner="verouderd"]');
      if (banner) banner.hidden = false;
    }
  }

  // Tables that scroll sideways on a phone must be reachable by keyboard (WCAG 2.1.1).
  function focusableScrollBoxes() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (!box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Tabel");
      }
    });
  }

  function start() {
    recheck();
    focusableScrollBoxes();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
