/*
 * channels-spectacular: renders every AsyncAPI viewer embed on the page.
 *
 * Each embed is a `.cs-asyncapi` container whose `data-cs-asyncapi` attribute names a
 * `<script type="application/json">` block (written by channels_spectacular.viewer). The
 * document is inline there, a URL, or the name a spec script registered it under in
 * window.ChannelsSpectacularSpecs (static doc sites load it with a plain <script src>).
 * Nothing is inline, so pages work under a CSP without 'unsafe-inline'. Supports several
 * embeds per page, a spec switcher kept in the page URL, light/dark themes and Material
 * for MkDocs instant navigation (document$). window.ChannelsSpectacular.renderAll()
 * re-renders embeds added later.
 */
(function () {
  'use strict';

  var SELECTOR = '.cs-asyncapi[data-cs-asyncapi]';
  var embeds = [];
  var watched = {};
  var observer = null;

  function readData(container) {
    var block = document.getElementById(container.getAttribute('data-cs-asyncapi'));
    return block ? JSON.parse(block.textContent) : null;
  }

  function pageParam(name) {
    return new URLSearchParams(window.location.search).get(name);
  }

  function keepInUrl(name, value) {
    var url = new URL(window.location.href);
    url.searchParams.set(name, value);
    window.history.replaceState(window.history.state, '', url.toString());
  }

  function pickEntry(data) {
    var wanted = pageParam(data.param);
    for (var i = 0; i < data.specs.length; i++) {
      if (data.specs[i].key === wanted) return data.specs[i];
    }
    return data.specs[0];
  }

  function themeFor(theme) {
    if (theme.mode === 'dark' || theme.mode === 'light') return theme.mode;
    var nodes = [document.body, document.documentElement];
    for (var n = 0; n < nodes.length; n++) {
      for (var a = 0; a < theme.attributes.length; a++) {
        var value = nodes[n] && nodes[n].getAttribute(theme.attributes[a]);
        if (theme.dark.indexOf(value) !== -1) return 'dark';
        if (theme.light.indexOf(value) !== -1) return 'light';
      }
    }
    var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
    return dark ? 'dark' : 'light';
  }

  // The viewer sizes its text in rem: a theme that enlarges the root font (Material for
  // MkDocs sets 125% to 150%) would enlarge the viewer with it. Zoom it back to 16px rems.
  function fitRootFont(container) {
    var root = parseFloat(window.getComputedStyle(document.documentElement).fontSize) || 16;
    var viewer = container.querySelector('.cs-asyncapi-viewer');
    if (!viewer) return;
    var zoom = Math.abs(root - 16) < 0.5 ? '' : String(Math.round((16 / root) * 1000) / 1000);
    if (viewer.style.zoom !== zoom) viewer.style.zoom = zoom; // CSSOM: CSP-safe
  }

  function fitAll() {
    embeds.forEach(function (embed) { fitRootFont(embed.container); });
  }

  function applyThemes() {
    embeds.forEach(function (embed) {
      embed.container.setAttribute('data-cs-theme', themeFor(embed.data.theme));
    });
  }

  function watchTheme(attributes) {
    var added = attributes.filter(function (name) { return !watched[name]; });
    if (!added.length) return;
    added.forEach(function (name) { watched[name] = true; });
    if (observer) observer.disconnect();
    observer = new MutationObserver(applyThemes);
    var filter = Object.keys(watched);
    [document.documentElement, document.body].forEach(function (node) {
      if (node) observer.observe(node, { attributes: true, attributeFilter: filter });
    });
  }

  function showProblem(viewer, text) {
    var p = document.createElement('p');
    p.className = 'cs-asyncapi-problem';
    p.textContent = text;
    viewer.replaceChildren(p);
  }

  function renderEntry(container, data, entry) {
    var viewer = container.querySelector('.cs-asyncapi-viewer');
    if (typeof window.AsyncApiStandalone === 'undefined') {
      showProblem(viewer, 'The AsyncAPI viewer script did not load.');
      return;
    }
    var spec = entry.spec;
    if (entry.script !== undefined) {
      // Delivered by a spec script the page loaded before this one (static doc sites).
      spec = (window.ChannelsSpectacularSpecs || {})[entry.script];
      if (spec === undefined) {
        showProblem(viewer, 'The AsyncAPI document did not load (' + entry.script + '.js).');
        return;
      }
    }
    // The standalone bundle creates a new React root per call: give it a fresh node.
    var mount = document.createElement('div');
    viewer.replaceChildren(mount);
    var schema = spec !== undefined ? JSON.stringify(spec) : { url: entry.url };
    window.AsyncApiStandalone.render({ schema: schema, config: data.config }, mount);
  }

  function setUp(container) {
    var data = readData(container);
    if (!data) return;
    container.setAttribute('data-cs-rendered', '');
    embeds.push({ container: container, data: data });
    if (data.height) {
      container.style.height = data.height; // CSSOM, not an inline style attribute: CSP-safe
      container.classList.add('cs-asyncapi--scroll');
    }
    var entry = pickEntry(data);
    var select = container.querySelector('.cs-asyncapi-switcher');
    if (select) {
      select.value = entry.key;
      select.addEventListener('change', function () {
        var chosen = data.specs.filter(function (e) { return e.key === select.value; })[0];
        keepInUrl(data.param, chosen.key);
        renderEntry(container, data, chosen);
      });
    }
    watchTheme(data.theme.attributes);
    container.setAttribute('data-cs-theme', themeFor(data.theme));
    fitRootFont(container);
    renderEntry(container, data, entry);
  }

  function renderAll() {
    // Drop embeds that left the page (instant navigation replaced the content).
    embeds = embeds.filter(function (embed) { return document.contains(embed.container); });
    var fresh = document.querySelectorAll(SELECTOR + ':not([data-cs-rendered])');
    Array.prototype.forEach.call(fresh, setUp);
  }

  window.ChannelsSpectacular = { renderAll: renderAll };
  window.addEventListener('resize', fitAll); // Material changes the root size by width

  if (window.matchMedia) {
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', applyThemes);
  }
  if (window.document$ && typeof window.document$.subscribe === 'function') {
    window.document$.subscribe(renderAll); // Material for MkDocs instant navigation
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', renderAll);
  } else {
    renderAll();
  }
})();
