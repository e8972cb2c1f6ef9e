// Header search for the wiki, on Pagefind's JavaScript API. Pagefind does the indexing,
// Dutch stemming and ranking; this file only draws a dialog with filters, a sort choice
// and results that show each page's last update. Works when the site lives in a subpath:
// every address is resolved against this script's own location.
(function () {
  "use strict";
  var script = document.currentScript;
  var siteRoot = new URL("../../", script.src);
  var pagefindPromise = null;
  var MAX_RESULTS = 20;
  var FILTERS = [
    { key: "sectie", label: "Sectie" },
    { key: "status", label: "Status" },
    { key: "tag", label: "Tag" },
    { key: "categorie", label: "Categorie" },
    { key: "niveau", label: "Onderwijsniveau" },
    { key: "regio", label: "Regio" },
    { key: "systeem", label: "Systeem" }
  ];

  function loadPagefind() {
    if (!pagefindPromise) {
      pagefindPromise = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pf) {
        return pf.options({ baseUrl: siteRoot.pathname }).then(function () { return pf; });
      });
    }
    return pagefindPromise;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function icon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M9.5 3a6.5 6.5 0 0 1 5.2 10.4l5.5 5.5-1.4 1.4-5.5-5.5A6.5 6.5 0 1 1 9.5 3m0 2a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9");
    svg.appendChild(path);
    return svg;
  }

  function buildDialog() {
    var input = el("input", {
      type: "search", id: "ictwiki-search-input", autocomplete: "off",
      placeholder: "Zoek in de wiki", "aria-describedby": "ictwiki-search-summary"
    });
    var label = el("label", { for: "ictwiki-search-input", text: "Zoekterm" });
    var close = el("button", { type: "button", class: "ictwiki-search__close", text: "Sluiten" });
    var controls = el("div", { class: "ictwiki-search__controls" });
    var selects = {};
    FILTERS.forEach(function (f) {
      var select = el("select", { "data-filter": f.key }, [el("option", { value: "", text: "Alle" })]);
      selects[f.key] = select;
      // Hidden until the index shows the filter has values.
      controls.appendChild(el("label", { hidden: "" }, [el("span", { text: f.label }), select]));
    });
    var sort = el("select", { "data-sort": "" }, [
      el("option", { value: "", text: "Beste overeenkomst" }),
      el("option", { value: "bijgewerkt:desc", text: "Laatst bijgewerkt eerst" }),
      el("option", { value: "bijgewerkt:asc", text: "Oudste eerst" }),
      el("option", { value: "score:desc", text: "Hoogste score eerst (tools)" })
    ]);
    controls.appendChild(el("label", {}, [el("span", { text: "Sorteren" }), sort]));
    var summary = el("p", { id: "ictwiki-search-summary", class: "ictwiki-search__summary", role: "status" });
    var results = el("ol", { class: "ictwiki-search__results" });
    var dialog = el("dialog", { class: "ictwiki-search md-typeset", "aria-label": "Zoeken in ICT-Wiki" }, [
      el("div", { class: "ictwiki-search__inner" }, [
        el("div", { class: "ictwiki-search__bar" }, [label, input, close]),
        controls, summary, results
      ])
    ]);
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    return { dialog: dialog, input: input, selects: selects, sort: sort, summary: summary, results: results };
  }

  function fillFilters(ui, pagefind) {
    return pagefind.filters().then(function (available) {
      FILTERS.forEach(function (f) {
        var values = Object.keys(available[f.key] || {}).sort(function (a, b) { return a.localeCompare(b, "nl"); });
        values.forEach(function (value) {
          ui.selects[f.key].appendChild(el("option", { value: value, text: value + " (" + available[f.key][value] + ")" }));
        });
        if (values.length) ui.selects[f.key].parentNode.hidden = false;
        // A link such as ?zoek=&sectie=Scholen opens the search with that filter chosen.
        var wanted = new URLSearchParams(window.location.search).get(f.key);
        if (wanted && values.indexOf(wanted) !== -1) ui.selects[f.key].value = wanted;
      });
    });
  }

  function renderResult(data) {
    var meta = data.meta || {};
    var excerpt = el("p", {});
    excerpt.innerHTML = data.excerpt; // Pagefind escapes page text and only adds <mark>.
    var facts = "Bijgewerkt: " + (meta.bijgewerkt || "datum onbekend");
    if (meta.status) facts += " · " + meta.status;
    return el("li", {}, [
      el("a", { href: data.url, class: "ictwiki-search__result", text: meta.title || data.url }),
      el("div", { class: "ictwiki-search__meta", text: facts }),
      excerpt
    ]);
  }

  function runSearch(ui) {
    var query = ui.input.value.trim();
    var filters = {};
    Object.keys(ui.selects).forEach(function (key) {
      if (ui.selects[key].value) filters[key] = ui.selects[key].value;
    });
    var options = { filters: filters };
    if (ui.sort.value) {
      var parts = ui.sort.value.split(":");
      options.sort = {};
      options.sort[parts[0]] = parts[1];
    }
    if (!query && !Object.keys(filters).length) {
      ui.results.replaceChildren();
      ui.summary.textContent = "";
      return Promise.resolve();
    }
    return loadPagefind().then(function (pagefind) {
      return pagefind.debouncedSearch(query || null, options, 250);
    }).then(function (search) {
      if (!search) return; // a newer keystroke took over
      return Promise.all(search.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }))
        .then(function (pages) {
          ui.results.replaceChildren.apply(ui.results, pages.map(renderResult));
          var n = search.results.length;
          ui.summary.textContent = n === 0 ? "Geen resultaten." :
            n === 1 ? "1 resultaat." : n + " resultaten" + (n > MAX_RESULTS ? ", de eerste " + MAX_RESULTS + " getoond." : ".");
        });
    }).catch(function () {
      ui.summary.textContent = "Zoeken werkt nu niet: de zoekindex kon niet geladen worden.";
    });
  }

  function install() {
    var header = document.querySelector(".md-header__inner") || document.body;
    var button = el("button", {
      type: "button", class: "md-header__button md-icon ictwiki-search-button",
      "aria-label": "Zoeken", title: "Zoeken (sneltoets /)", "aria-haspopup": "dialog"
    }, [icon()]);
    var source = header.querySelector(".md-header__source");
    header.insertBefore(button, source);
    var ui = buildDialog();
    document.body.appendChild(ui.dialog);
    var filtersLoaded = null;

    function open(query) {
      if (!ui.dialog.open) ui.dialog.showModal();
      if (typeof query === "string") ui.input.value = query;
      ui.input.focus();
      if (!filtersLoaded) {
        filtersLoaded = loadPagefind().then(function (pf) { return fillFilters(ui, pf); }).catch(function () {});
      }
      filtersLoaded.then(function () { runSearch(ui); });
    }

    button.addEventListener("click", function () { open(); });
    ui.input.addEventListener("input", function () { runSearch(ui); });
    ui.sort.addEventListener("change", function () { runSearch(ui); });
    Object.keys(ui.selects).forEach(function (key) {
      ui.selects[key].addEventListener("change", function () { runSearch(ui); });
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !ui.dialog.open) {
        event.preventDefault();
        open();
      }
    });
    var params = new URLSearchParams(window.location.search);
    if (params.has("zoek")) open(params.get("zoek"));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", install);
  else install();
})();
