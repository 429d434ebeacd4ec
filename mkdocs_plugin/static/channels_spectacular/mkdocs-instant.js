/*
 * channels-spectacular for MkDocs: loads the AsyncAPI viewer after Material's instant
 * navigation.
 *
 * Material swaps page content in place and never runs the <head> scripts of the page it
 * swaps in, so a page with a viewer reached from a page without one would stay empty. This
 * small file is on every page of such a site: when a page with a viewer shows up and the
 * viewer is not loaded yet, it loads the viewer bundle, then asyncapi-init.js, which renders
 * the embeds and follows later navigations through document$ itself.
 */
(function () {
  'use strict';

  var me = document.currentScript;
  if (!me || window.ChannelsSpectacularMkDocs) return;
  window.ChannelsSpectacularMkDocs = true;

  // The script URLs are relative to the asset root, one level above this file.
  var root = new URL('../', me.src);
  var scripts = JSON.parse(me.getAttribute('data-cs-scripts') || '[]');
  var started = false;

  function load(index) {
    if (index >= scripts.length) return;
    var script = document.createElement('script');
    script.src = new URL(scripts[index].url, root).href;
    if (scripts[index].integrity) {
      script.integrity = scripts[index].integrity;
      script.crossOrigin = 'anonymous';
    }
    // In order: asyncapi-init.js needs the bundle's AsyncApiStandalone.
    script.onload = function () { load(index + 1); };
    document.head.appendChild(script);
  }

  function check() {
    if (started || window.ChannelsSpectacular) return;
    if (!document.querySelector('.cs-asyncapi[data-cs-asyncapi]')) return;
    started = true;
    load(0);
  }

  if (window.document$ && typeof window.document$.subscribe === 'function') {
    window.document$.subscribe(check);
  }
})();
