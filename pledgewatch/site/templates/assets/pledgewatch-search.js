/* Pledgewatch: Material for MkDocs' search, answered by Pagefind.

   Material's search worker loads the whole search index (about 31 MB at 10,000 pledges) before
   the first answer. This worker takes its place (overrides/main.html points Material's
   configuration at it) and speaks the same messages (Material's
   integrations/search/worker/message: SETUP 0, READY 1, QUERY 2, RESULT 3), but answers each
   query with Pagefind (pagefind.app), whose index is split into chunks fetched for the words
   searched: a first search transfers tens of kilobytes whatever the size of the site. Material
   keeps its look, its keyboard shortcuts and its highlighting (?h=words) on the page a result
   leads to.

   The bundle is at pagefind/ in the site root, written by the build (site/search_index.py);
   nothing is fetched from anywhere else. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var LIMIT = 20;  // results shown: each costs one small fragment request
var WAIT = 100;  // milliseconds of quiet typing before a query is answered
var root = new URL("../", self.location.href);  // this file is at assets/ in the site root
var pagefind = null;
var latest = 0;  // answers arrive out of order: only the newest query's is posted

function load() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
      return module.options({ baseUrl: root.pathname }).then(function () { return module; });
    });
  }
  return pagefind;
}

function words(query) {
  return query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

// One Material result item: the page first, then its sections that hold the words.
function item(data, score, terms) {
  var page = { location: data.url, title: data.meta.title || data.url, text: data.excerpt,
               score: score, terms: terms };
  var sections = (data.sub_results || []).filter(function (sub) {
    // The page's own heading comes back as a section too: the page entry shows it already.
    return sub.url.indexOf("#") >= 0 && sub.title !== page.title && sub.locations.length > 0;
  }).map(function (sub) {
    return { location: sub.url, title: sub.title, text: sub.excerpt, score: score,
             terms: terms };
  });
  return [page].concat(sections);
}

function search(query) {
  var terms = {};
  words(query).forEach(function (w) { terms[w] = true; });
  if (!Object.keys(terms).length) return Promise.resolve({ items: [] });
  return load().then(function (pf) {
    // Material asks on every key press; a query superseded within WAIT ms answers null and
    // costs no fragment requests.
    return pf.debouncedSearch(query, {}, WAIT);
  }).then(function (found) {
    if (found === null) return null;
    var top = found.results.slice(0, LIMIT);
    return Promise.all(top.map(function (r) { return r.data(); })).then(function (datas) {
      return { items: datas.map(function (d, i) { return item(d, top[i].score, terms); }) };
    });
  });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    load();  // start fetching Pagefind while the reader types
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var number = ++latest;
    search(message.data).catch(function (error) {
      console.warn("Search failed:", error);
      return { items: [] };
    }).then(function (result) {
      if (result !== null && number === latest) postMessage({ type: RESULT, data: result });
    });
  }
});
