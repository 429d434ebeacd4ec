/*
 * channels-spectacular: the try-it-out console, docked at the bottom of any page whose
 * viewer embeds ask for it (a "console" entry in the embed's JSON data block, written by
 * channels_spectacular.viewer).
 *
 * Each client->server operation the viewer shows gets a "Try it" button that prefills the
 * console (channel, action, first example); server->client operations of the connected
 * channel say what the console waits for. The console reads the embed's document (inline,
 * from a spec script, or as JSON from its URL), connects to the document's server (or the
 * URL the page sets), authenticates as the channel's security schemes say, sends actions,
 * asks the server for documented events when the page allows it, and checks every frame
 * against the document with a small JSON Schema validator covering what the generator
 * emits. Plain browser JavaScript, no build step, nothing inline: works under a strict CSP.
 * Its open state and height are kept in localStorage.
 */
(function () {
  'use strict';

  var MAX_ENTRIES = 500;
  var MAX_DEPTH = 64;
  var uid = 0;

  // -- JSON pointers and $refs -------------------------------------------------------------

  function unescapeToken(token) {
    return token.replace(/~1/g, '/').replace(/~0/g, '~');
  }

  function escapeToken(token) {
    return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
  }

  function lookup(doc, ref) {
    if (typeof ref !== 'string' || ref.charAt(0) !== '#') return undefined;
    var value = doc;
    var tokens = ref.slice(1).split('/').slice(1);
    for (var i = 0; i < tokens.length; i++) {
      if (value === null || typeof value !== 'object') return undefined;
      value = value[decodeURIComponent(unescapeToken(tokens[i]))];
    }
    return value;
  }

  function deref(doc, value) {
    var seen = 0;
    while (value && typeof value === 'object' && typeof value.$ref === 'string') {
      if (++seen > MAX_DEPTH) return undefined;
      value = lookup(doc, value.$ref);
    }
    return value;
  }

  // -- a JSON Schema checker for the subset the generator emits -------------------------------

  function jsonPath(path) {
    return '$' + path.map(function (part) {
      if (typeof part === 'number') return '[' + part + ']';
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(part) ? '.' + part : "['" + part + "']";
    }).join('');
  }

  function typeOf(value) {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'array';
    if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
    return typeof value;
  }

  function hasType(type, value) {
    var actual = typeOf(value);
    return type === actual || (type === 'number' && actual === 'integer');
  }

  function equal(a, b) {
    if (a === b) return true;
    if (typeOf(a) !== typeOf(b) || a === null || typeof a !== 'object') return false;
    var keysA = Object.keys(a);
    var keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    return keysA.every(function (key) { return equal(a[key], b[key]); });
  }

  function show(value) {
    var text = JSON.stringify(value);
    return text === undefined ? String(value) : text;
  }

  function Checker(doc) {
    this.doc = doc;
  }

  Checker.prototype.errors = function (schema, value) {
    var out = [];
    this.check(schema, value, [], out, 0);
    return out;
  };

  Checker.prototype.check = function (schema, value, path, out, depth) {
    if (schema === true || schema === undefined || schema === null) return;
    if (schema === false) { out.push(problem(path, 'no value is allowed here')); return; }
    if (depth > MAX_DEPTH) return;
    if (typeof schema.$ref === 'string') {
      var target = lookup(this.doc, schema.$ref);
      if (target === undefined) out.push(problem(path, 'unresolvable $ref ' + schema.$ref));
      else this.check(target, value, path, out, depth + 1);
      return; // draft 7 (AsyncAPI's dialect): keywords next to $ref are ignored
    }
    if (schema.nullable === true && value === null) return;
    var before = out.length;
    this.checkType(schema, value, path, out);
    if (out.length > before) return; // the other keywords would only repeat the type error
    this.checkValue(schema, value, path, out);
    var kind = typeOf(value);
    if (kind === 'number' || kind === 'integer') this.checkNumber(schema, value, path, out);
    else if (kind === 'string') this.checkString(schema, value, path, out);
    else if (kind === 'array') this.checkArray(schema, value, path, out, depth);
    else if (kind === 'object') this.checkObject(schema, value, path, out, depth);
    this.checkCombinators(schema, value, path, out, depth);
  };

  function problem(path, message) {
    return { path: jsonPath(path), message: message };
  }

  Checker.prototype.checkType = function (schema, value, path, out) {
    if (schema.type === undefined) return;
    var types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some(function (type) { return hasType(type, value); })) {
      out.push(problem(path, 'expected ' + types.join(' or ') + ', got ' + typeOf(value)));
    }
  };

  Checker.prototype.checkValue = function (schema, value, path, out) {
    if ('const' in schema && !equal(schema.const, value)) {
      out.push(problem(path, 'must be ' + show(schema.const)));
    }
    if (Array.isArray(schema.enum) && !schema.enum.some(function (v) { return equal(v, value); })) {
      out.push(problem(path, 'must be one of ' + schema.enum.map(show).join(', ')));
    }
  };

  Checker.prototype.checkNumber = function (schema, value, path, out) {
    var exMin = schema.exclusiveMinimum;
    var exMax = schema.exclusiveMaximum;
    if (typeof schema.minimum === 'number') {
      var low = exMin === true ? value <= schema.minimum : value < schema.minimum;
      if (low) out.push(problem(path, 'must be at least ' + schema.minimum));
    }
    if (typeof schema.maximum === 'number') {
      var high = exMax === true ? value >= schema.maximum : value > schema.maximum;
      if (high) out.push(problem(path, 'must be at most ' + schema.maximum));
    }
    if (typeof exMin === 'number' && value <= exMin) {
      out.push(problem(path, 'must be greater than ' + exMin));
    }
    if (typeof exMax === 'number' && value >= exMax) {
      out.push(problem(path, 'must be less than ' + exMax));
    }
    if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) {
      var ratio = value / schema.multipleOf;
      if (Math.abs(ratio - Math.round(ratio)) > 1e-9) {
        out.push(problem(path, 'must be a multiple of ' + schema.multipleOf));
      }
    }
  };

  Checker.prototype.checkString = function (schema, value, path, out) {
    var length = Array.from(value).length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      out.push(problem(path, 'must be at least ' + schema.minLength + ' characters'));
    }
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      out.push(problem(path, 'must be at most ' + schema.maxLength + ' characters'));
    }
    if (typeof schema.pattern === 'string') {
      var regex = null;
      try { regex = new RegExp(schema.pattern, 'u'); } catch (e) { regex = null; }
      if (regex && !regex.test(value)) {
        out.push(problem(path, 'must match the pattern ' + schema.pattern));
      }
    }
  };

  Checker.prototype.checkArray = function (schema, value, path, out, depth) {
    var self = this;
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      out.push(problem(path, 'needs at least ' + schema.minItems + ' items'));
    }
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      out.push(problem(path, 'takes at most ' + schema.maxItems + ' items'));
    }
    var tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems
      : Array.isArray(schema.items) ? schema.items : null;
    var rest = tuple ? (Array.isArray(schema.items) ? schema.additionalItems : schema.items)
      : schema.items;
    value.forEach(function (item, i) {
      var itemSchema = tuple && i < tuple.length ? tuple[i] : rest;
      self.check(itemSchema, item, path.concat([i]), out, depth + 1);
    });
    if (schema.uniqueItems === true) {
      for (var i = 1; i < value.length; i++) {
        for (var j = 0; j < i; j++) {
          if (equal(value[i], value[j])) {
            out.push(problem(path, 'items must be unique'));
            return;
          }
        }
      }
    }
  };

  Checker.prototype.checkObject = function (schema, value, path, out, depth) {
    var self = this;
    var props = schema.properties || {};
    var patterns = Object.keys(schema.patternProperties || {});
    (schema.required || []).forEach(function (name) {
      if (!Object.prototype.hasOwnProperty.call(value, name)) {
        out.push(problem(path.concat([name]), 'required field is missing'));
      }
    });
    var count = Object.keys(value).length;
    if (typeof schema.minProperties === 'number' && count < schema.minProperties) {
      out.push(problem(path, 'needs at least ' + schema.minProperties + ' fields'));
    }
    if (typeof schema.maxProperties === 'number' && count > schema.maxProperties) {
      out.push(problem(path, 'takes at most ' + schema.maxProperties + ' fields'));
    }
    Object.keys(value).forEach(function (name) {
      var at = path.concat([name]);
      var known = Object.prototype.hasOwnProperty.call(props, name);
      if (known) self.check(props[name], value[name], at, out, depth + 1);
      var matched = patterns.filter(function (p) { return safeTest(p, name); });
      matched.forEach(function (p) {
        self.check(schema.patternProperties[p], value[name], at, out, depth + 1);
      });
      if (known || matched.length || schema.additionalProperties === undefined) return;
      if (schema.additionalProperties === false) {
        out.push(problem(at, 'undocumented field is not allowed'));
      } else {
        self.check(schema.additionalProperties, value[name], at, out, depth + 1);
      }
    });
  };

  function safeTest(pattern, text) {
    try { return new RegExp(pattern, 'u').test(text); } catch (e) { return false; }
  }

  Checker.prototype.checkCombinators = function (schema, value, path, out, depth) {
    var self = this;
    (schema.allOf || []).forEach(function (sub) { self.check(sub, value, path, out, depth + 1); });
    var results = function (list) {
      return list.map(function (sub) {
        var errors = [];
        self.check(sub, value, path, errors, depth + 1);
        return errors;
      });
    };
    if (Array.isArray(schema.anyOf)) {
      var any = results(schema.anyOf);
      if (!any.some(function (e) { return !e.length; })) {
        out.push(problem(path, 'matches none of the alternatives (' + closest(any) + ')'));
      }
    }
    if (Array.isArray(schema.oneOf)) {
      var passing = results(schema.oneOf).filter(function (e) { return !e.length; }).length;
      if (passing !== 1) {
        var why = passing ? 'matches ' + passing + ' alternatives' : 'matches none';
        out.push(problem(path, why + ' of the oneOf alternatives; exactly one must match'));
      }
    }
    if (schema.not !== undefined && !this.errors(schema.not, value).length) {
      out.push(problem(path, 'must not match the schema under "not"'));
    }
  };

  function closest(alternatives) {
    var best = alternatives.slice().sort(function (a, b) { return a.length - b.length; })[0];
    return best && best.length ? best[0].path + ': ' + best[0].message : '';
  }

  // -- reading the document ----------------------------------------------------------------

  function channelMessages(doc, channelId) {
    var target = '#/channels/' + escapeToken(channelId);
    var actions = [];
    var events = [];
    var operations = doc.operations || {};
    Object.keys(operations).forEach(function (id) {
      var op = operations[id];
      if (!op || !op.channel || op.channel.$ref !== target) return;
      var refs = op.messages || [];
      if (op.action === 'receive') {
        addMessages(doc, actions, refs);
        addMessages(doc, events, (op.reply && op.reply.messages) || []);
      } else {
        addMessages(doc, events, refs);
      }
    });
    return { actions: actions, events: events };
  }

  function addMessages(doc, list, refs) {
    refs.forEach(function (ref) {
      var pointer = ref && ref.$ref;
      var message = deref(doc, ref);
      if (!message || typeof message !== 'object') return;
      // Follow to the component so two routes to one message count once.
      var inner = lookup(doc, pointer);
      var key = inner && inner.$ref ? inner.$ref : pointer;
      if (list.some(function (m) { return m.ref === key; })) return;
      list.push({ ref: key, key: unescapeToken(key.split('/').pop()), message: message });
    });
  }

  // The envelope key is whichever property carries a string `const` in every message.
  function constProperties(doc, schema, depth) {
    schema = deref(doc, schema);
    if (!schema || typeof schema !== 'object' || depth > 8) return {};
    var out = {};
    var props = schema.properties || {};
    Object.keys(props).forEach(function (name) {
      var prop = deref(doc, props[name]);
      if (prop && typeof prop.const === 'string') out[name] = prop.const;
    });
    (schema.allOf || []).forEach(function (sub) {
      var found = constProperties(doc, sub, depth + 1);
      Object.keys(found).forEach(function (name) { if (!(name in out)) out[name] = found[name]; });
    });
    return out;
  }

  function envelopeKey(doc, messages, fallback) {
    var keys = null;
    messages.forEach(function (m) {
      var found = Object.keys(constProperties(doc, m.message.payload, 0));
      keys = keys === null ? found : keys.filter(function (k) { return found.indexOf(k) !== -1; });
    });
    if (!keys || !keys.length) return fallback;
    return keys.indexOf(fallback) !== -1 ? fallback : keys[0];
  }

  function wireName(doc, message, key) {
    return constProperties(doc, message.payload, 0)[key] || message.name || '';
  }

  // How a message travels: 'json', 'text' (a raw text frame) or 'binary' (a bytes frame).
  function frameKind(doc, message) {
    var type = String(message.contentType || doc.defaultContentType || 'application/json');
    type = type.split(';')[0].trim().toLowerCase();
    if (type === 'application/json' || /\+json$/.test(type)) return 'json';
    return type === 'application/octet-stream' ? 'binary' : 'text';
  }

  // A frame sent as it is typed (not JSON): text, or its UTF-8 bytes when kind is 'binary'.
  function RawFrame(text, kind) {
    this.text = text;
    this.kind = kind;
  }


  // -- servers, security schemes, close codes ------------------------------------------------

  function serverUrls(doc, fixed) {
    if (fixed) return [{ label: fixed + ' (set by this page)', base: fixed }];
    var servers = doc.servers || {};
    var out = Object.keys(servers).map(function (name) {
      var server = servers[name] || {};
      var protocol = String(server.protocol || 'ws').toLowerCase();
      if (protocol === 'http') protocol = 'ws';
      if (protocol === 'https') protocol = 'wss';
      var base = protocol + '://' + String(server.host || window.location.host);
      return { label: name + ' (' + base + ')', base: base + (server.pathname || '').replace(/\/$/, '') };
    });
    if (!out.length) {
      var scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
      out.push({ label: 'this site', base: scheme + '://' + window.location.host });
    }
    return out;
  }

  // How the console can use a security scheme: 'session', 'cookie', 'query', 'protocol' or ''.
  function schemeKind(key, scheme) {
    if (!scheme || scheme.type !== 'httpApiKey') return '';
    var name = String(scheme.name || '');
    if (scheme.in === 'query') return 'query';
    if (scheme.in === 'header' && name.toLowerCase() === 'sec-websocket-protocol') return 'protocol';
    if (scheme.in === 'cookie') {
      var session = key === 'sessionCookie' || /session/i.test(String(scheme.description || ''));
      return session ? 'session' : 'cookie';
    }
    return '';
  }

  // The schemes the operations of a channel require (each once), else every scheme.
  function channelSchemes(doc, channelId) {
    var target = '#/channels/' + escapeToken(channelId);
    var all = (doc.components && doc.components.securitySchemes) || {};
    var keys = [];
    var ops = doc.operations || {};
    Object.keys(ops).forEach(function (id) {
      var op = ops[id];
      if (!op || !op.channel || op.channel.$ref !== target) return;
      (op.security || []).forEach(function (item) {
        var ref = item && item.$ref;
        var key = typeof ref === 'string' ? unescapeToken(ref.split('/').pop()) : '';
        if (key && keys.indexOf(key) === -1) keys.push(key);
      });
    });
    return keys.map(function (key) {
      var scheme = deref(doc, all[key]) || {};
      return { key: key, scheme: scheme, kind: schemeKind(key, scheme) };
    });
  }

  var CLOSE_CODES = {
    1000: 'closed normally',
    1001: 'the server is going away (restarting or shutting down)',
    1002: 'protocol error',
    1003: 'the server cannot accept this kind of data',
    1007: 'a frame held data the server could not decode',
    1008: 'refused by a policy of the server',
    1009: 'a frame was too big for the server',
    1011: 'the server hit an error (an exception in the consumer: see the server log)',
    1012: 'the server is restarting',
    1013: 'the server is overloaded: try again later'
  };

  function explainClose(code, opened, doc, channel) {
    if (code === 1006 && !opened) {
      return 'No WebSocket route here \u2014 is the server running under an ASGI server such as ' +
        'daphne? (The handshake failed: nothing answered at this address, the route does ' +
        'not exist, or the server refused the handshake.)';
    }
    if (code === 1006) return 'The connection dropped without a closing handshake (server stopped or network lost).';
    if (code >= 4000 && code <= 4999) {
      var why = documentedReason(code, doc, channel);
      return 'The consumer closed it with its own code ' + code + '.' + (why ? ' The documentation says: ' + why : '');
    }
    if (code >= 3000 && code <= 3999) return 'Closed by a library or framework (code ' + code + ').';
    return CLOSE_CODES[code] ? capital(CLOSE_CODES[code]) + '.' : 'Closed with code ' + code + '.';
  }

  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  // A sentence of the channel's own text that names the code, e.g. "... closed with 4401."
  function documentedReason(code, doc, channel) {
    var texts = [channel.description, channel.summary];
    var ops = doc.operations || {};
    Object.keys(ops).forEach(function (id) { texts.push(ops[id] && ops[id].description); });
    var sentences = texts.filter(Boolean).join(' ').split(/(?<=[.!?])\s+/);
    for (var i = 0; i < sentences.length; i++) {
      if (new RegExp('\\b' + code + '\\b').test(sentences[i])) return sentences[i];
    }
    return '';
  }

  // The operations of a channel, in the document's order, with their messages.
  function channelOperations(doc, channelId) {
    var target = '#/channels/' + escapeToken(channelId);
    var ops = doc.operations || {};
    return Object.keys(ops).filter(function (id) {
      return ops[id] && ops[id].channel && ops[id].channel.$ref === target;
    });
  }

  function operationChannel(doc, opId) {
    var op = (doc.operations || {})[opId];
    var ref = op && op.channel && op.channel.$ref;
    return typeof ref === 'string' ? unescapeToken(ref.split('/').pop()) : null;
  }

  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function skeleton(doc, schema, depth) {
    schema = deref(doc, schema);
    if (!schema || typeof schema !== 'object' || depth > 8) return null;
    if ('const' in schema) return schema.const;
    if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
    if ('default' in schema) return schema.default;
    var parts = (schema.allOf || []).concat((schema.anyOf || schema.oneOf || []).slice(0, 1));
    var type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    if (type === 'object' || schema.properties || parts.length) {
      var out = {};
      (schema.required || []).forEach(function (name) {
        out[name] = skeleton(doc, (schema.properties || {})[name], depth + 1);
      });
      parts.forEach(function (sub) {
        var more = skeleton(doc, sub, depth + 1);
        if (more && typeof more === 'object' && !Array.isArray(more)) Object.assign(out, more);
      });
      return out;
    }
    var blanks = { array: [], string: '', integer: 0, number: 0, boolean: false };
    return Object.prototype.hasOwnProperty.call(blanks, type) ? blanks[type] : null;
  }

  // -- DOM helpers -------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === false || value === null || value === undefined) return;
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value === true ? '' : value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function button(cls, text, attrs) {
    return el('button', Object.assign({ type: 'button', class: cls, text: text }, attrs || {}));
  }

  function field(label, control, hint) {
    var id = 'cs-try-' + (++uid);
    control.id = id;
    return el('div', { class: 'cs-try-field' }, [
      el('label', { for: id, text: label }), control,
      hint ? el('span', { class: 'cs-try-hint', text: hint }) : null
    ]);
  }

  function options(select, items) {
    select.replaceChildren.apply(select, items.map(function (item, i) {
      return el('option', { value: String(i), text: item.label });
    }));
  }

  function clock(date) {
    return (date || new Date()).toLocaleTimeString();
  }

  var STORE = 'channels-spectacular:console';

  function loadState() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || 'null') || {}; } catch (e) { return {}; }
  }

  function saveState(state) {
    try { window.localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  // -- where documents come from -------------------------------------------------------------

  function readData(container) {
    var block = document.getElementById(container.getAttribute('data-cs-asyncapi'));
    try { return block ? JSON.parse(block.textContent) : null; } catch (e) { return null; }
  }

  // The entry the embed shows: its switcher's choice, else the first.
  function shownEntry(source) {
    var select = source.container.querySelector('.cs-asyncapi-switcher');
    var specs = source.data.specs || [];
    var key = select ? select.value : null;
    return specs.filter(function (e) { return e.key === key; })[0] || specs[0];
  }

  var fetched = {};

  function documentOf(entry) {
    if (!entry) return Promise.reject(new Error('no specification'));
    if (entry.spec !== undefined) return Promise.resolve(entry.spec);
    if (entry.script !== undefined) {
      var spec = (window.ChannelsSpectacularSpecs || {})[entry.script];
      return spec === undefined ? Promise.reject(new Error(entry.script + '.js did not load')) : Promise.resolve(spec);
    }
    var url = new URL(entry.url, window.location.href);
    if (url.origin === window.location.origin) url.searchParams.set('format', 'json');
    var key = url.toString();
    if (!fetched[key]) {
      fetched[key] = fetch(key, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (response) {
          if (!response.ok) throw new Error('HTTP ' + response.status + ' from ' + url.pathname);
          return response.json();
        });
      fetched[key].catch(function () { delete fetched[key]; });
    }
    return fetched[key];
  }

  // -- the console -------------------------------------------------------------------------

  function Console() {
    this.sources = [];
    this.doc = null;
    this.socket = null;
    this.opened = false;
    this.pending = null;
    this.entries = [];
    this.consoleId = randomId();
    this.state = loadState();
    this.build();
  }

  Console.prototype.build = function () {
    var self = this;
    var bodyId = 'cs-console-body';
    var c = this.controls = {
      resize: el('div', {
        class: 'cs-console-resize', role: 'separator', tabindex: '0', 'aria-orientation': 'horizontal',
        'aria-label': 'Resize the console (arrow keys)', 'aria-controls': bodyId, 'aria-valuemin': '160'
      }),
      toggle: button('cs-console-toggle', 'Try it out', { 'aria-expanded': 'false', 'aria-controls': bodyId }),
      target: el('span', { class: 'cs-console-target' }),
      spec: el('select', { class: 'cs-try-spec' }),
      channel: el('select', { class: 'cs-try-channel' }),
      server: el('select', { class: 'cs-try-server' }),
      params: el('div', { class: 'cs-try-params' }),
      auth: el('div', { class: 'cs-try-auth' }),
      url: el('output', { class: 'cs-try-url' }),
      connect: button('cs-try-connect', 'Connect'),
      reconnect: button('cs-try-reconnect', 'Reconnect', { disabled: true }),
      disconnect: button('cs-try-disconnect', 'Disconnect', { disabled: true }),
      status: el('span', { class: 'cs-try-status', 'data-state': 'closed', role: 'status', text: 'Not connected' }),
      action: el('select', { class: 'cs-try-action' }),
      example: el('select', { class: 'cs-try-example' }),
      payload: el('textarea', { class: 'cs-try-payload', rows: '8', spellcheck: 'false' }),
      send: button('cs-try-send', 'Send', { disabled: true }),
      check: el('span', { class: 'cs-try-check', 'aria-live': 'polite' }),
      event: el('select', { class: 'cs-try-event' }),
      trigger: button('cs-try-trigger', 'Ask the server to send it', { disabled: true }),
      eventsHint: el('p', { class: 'cs-try-hint cs-try-events-hint' }),
      filter: el('select', { class: 'cs-try-filter', 'aria-label': 'Show messages' }),
      clear: button('cs-try-clear', 'Clear'),
      exportLog: button('cs-try-export', 'Export JSON'),
      log: el('ol', { class: 'cs-try-log', 'aria-live': 'polite' }),
      problem: el('p', { class: 'cs-try-problem', role: 'alert', hidden: true })
    };
    c.specField = field('Specification', c.spec);
    c.eventsBox = el('fieldset', { class: 'cs-try-events' }, [
      el('legend', { text: 'Server events' }), field('Event', c.event),
      el('div', { class: 'cs-try-row' }, [c.trigger]), c.eventsHint
    ]);
    c.body = el('div', { class: 'cs-console-body', id: bodyId, hidden: true }, [
      el('div', { class: 'cs-console-side' }, [
        c.problem,
        el('fieldset', { class: 'cs-try-connection' }, [
          el('legend', { text: 'Connection' }), c.specField, field('Channel', c.channel),
          field('Server', c.server), c.params, c.auth,
          el('div', { class: 'cs-try-row' }, [el('span', { text: 'URL' }), c.url]),
          el('div', { class: 'cs-try-row' }, [c.connect, c.reconnect, c.disconnect])
        ]),
        el('fieldset', { class: 'cs-try-compose' }, [
          el('legend', { text: 'Send an action' }), field('Action', c.action), field('Example', c.example),
          c.payloadField = field('Message (JSON)', c.payload, 'Ctrl+Enter sends.'),
          el('div', { class: 'cs-try-row' }, [c.send, c.check])
        ]),
        c.eventsBox
      ]),
      el('div', { class: 'cs-console-main' }, [
        el('div', { class: 'cs-try-row cs-try-logbar' }, [
          el('strong', { text: 'Log' }), c.filter, c.clear, c.exportLog
        ]),
        c.log
      ])
    ]);
    this.root = el('section', {
      class: 'cs-console', 'data-cs-console': '', role: 'region', 'aria-label': 'Try-it-out console'
    }, [c.resize, el('div', { class: 'cs-console-bar' }, [c.toggle, c.target, c.status]), c.body]);
    document.body.appendChild(this.root);
    document.body.classList.add('cs-console-docked');
    this.wire();
    this.setHeight(this.state.height || 360);
    this.updateFilter();
  };

  Console.prototype.wire = function () {
    var self = this;
    var c = this.controls;
    var on = function (node, type, fn) { node.addEventListener(type, fn.bind(self)); };
    on(c.toggle, 'click', function () { this.setOpen(!this.isOpen()); });
    on(c.spec, 'change', function () { this.load(Number(c.spec.value)); });
    on(c.channel, 'change', function () { this.selectChannel(); });
    on(c.server, 'change', this.updateUrl);
    on(c.connect, 'click', function () { this.connect(); });
    on(c.reconnect, 'click', function () { this.disconnect(true); this.connect(); });
    on(c.disconnect, 'click', function () { this.disconnect(); });
    on(c.action, 'change', this.selectAction);
    on(c.example, 'change', this.fillExample);
    on(c.payload, 'input', this.checkOutgoing);
    on(c.payload, 'keydown', function (event) {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); this.send(); }
    });
    on(c.send, 'click', function () { this.send(); });
    on(c.trigger, 'click', this.trigger);
    on(c.filter, 'change', this.applyFilter);
    on(c.clear, 'click', function () { c.log.replaceChildren(); this.entries = []; this.updateFilter(); });
    on(c.exportLog, 'click', this.exportLog);
    on(c.resize, 'keydown', function (event) {
      var step = event.shiftKey ? 100 : 20;
      if (event.key === 'ArrowUp') this.setHeight(this.height + step);
      else if (event.key === 'ArrowDown') this.setHeight(this.height - step);
      else return;
      event.preventDefault();
    });
    on(c.resize, 'pointerdown', this.startDrag);
    on(this.root, 'keydown', function (event) {
      if (event.key === 'Escape' && this.isOpen()) { this.setOpen(false); c.toggle.focus(); }
    });
    window.addEventListener('pagehide', function () { self.disconnect(true); });
    // A Content-Security-Policy without the server in connect-src blocks the socket silently.
    document.addEventListener('securitypolicyviolation', function (event) {
      var socket = self.socket;
      if (!socket || String(event.blockedURI).indexOf(new URL(socket.url).host) === -1) return;
      self.socket = null;
      self.pending = null;
      self.setState('closed', 'Not connected');
      self.note('This page\u2019s Content-Security-Policy blocks connections to ' + event.blockedURI +
        ' (' + event.effectiveDirective + '): add the server to connect-src.');
    });
  };

  Console.prototype.isOpen = function () { return !this.controls.body.hidden; };

  Console.prototype.setOpen = function (open) {
    var c = this.controls;
    c.body.hidden = !open;
    c.toggle.setAttribute('aria-expanded', String(open));
    this.root.setAttribute('data-open', String(open));
    this.state.open = open;
    saveState(this.state);
    this.pad();
    if (open) this.start();
  };

  Console.prototype.setHeight = function (px) {
    var max = Math.max(160, window.innerHeight - 60);
    this.height = Math.round(Math.min(max, Math.max(160, px)));
    this.controls.body.style.height = this.height + 'px'; // CSSOM: allowed under a strict CSP
    this.controls.resize.setAttribute('aria-valuenow', String(this.height));
    this.state.height = this.height;
    saveState(this.state);
    this.pad();
  };

  // Keep the end of the page reachable above the docked panel.
  Console.prototype.pad = function () {
    document.body.style.paddingBottom = this.root.offsetHeight + 'px';
  };

  Console.prototype.startDrag = function (event) {
    var self = this;
    var startY = event.clientY;
    var start = this.height;
    event.preventDefault();
    if (!this.isOpen()) this.setOpen(true);
    var move = function (e) { self.setHeight(start + startY - e.clientY); };
    var up = function () {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  Console.prototype.fail = function (text) {
    var p = this.controls.problem;
    p.textContent = text;
    p.hidden = !text;
  };

  // -- sources: the embeds with the console on ---------------------------------------------

  Console.prototype.addSource = function (container, data) {
    var self = this;
    var source = { container: container, data: data, label: data.label || container.getAttribute('aria-label') || 'Specification' };
    this.sources.push(source);
    options(this.controls.spec, this.sources);
    this.controls.specField.hidden = this.sources.length < 2;
    var select = container.querySelector('.cs-asyncapi-switcher');
    if (select) {
      select.addEventListener('change', function () {
        if (self.current === source) self.load(self.sources.indexOf(source));
      });
    }
    this.watchTheme(source);
    this.watchViewer(source);
    if (this.sources.length === 1) {
      this.setTarget();
      var open = this.state.open !== undefined ? this.state.open : !!(data.console && data.console.expanded);
      this.setOpen(open);
    }
  };

  Console.prototype.setTarget = function () {
    var source = this.current || this.sources[0];
    var fixed = source && source.data.console.url;
    this.controls.target.textContent = fixed ? 'Connects to ' + fixed : '';
  };

  Console.prototype.watchTheme = function (source) {
    var self = this;
    var apply = function () {
      if ((self.current || self.sources[0]) !== source) return;
      self.root.setAttribute('data-cs-theme', source.container.getAttribute('data-cs-theme') || 'light');
    };
    new MutationObserver(apply).observe(source.container, { attributes: true, attributeFilter: ['data-cs-theme'] });
    apply();
  };

  Console.prototype.start = function () {
    if (this.started || !this.sources.length) return;
    this.started = true;
    this.load(0);
  };

  Console.prototype.load = function (index) {
    var self = this;
    var source = this.sources[index];
    this.disconnect(true);
    this.current = source;
    this.controls.spec.value = String(index);
    this.setTarget();
    this.root.setAttribute('data-cs-theme', source.container.getAttribute('data-cs-theme') || 'light');
    this.loading = documentOf(shownEntry(source)).then(function (doc) {
      if (self.current === source) self.useDocument(doc);
      return doc;
    }, function (error) {
      self.fail('Cannot load the specification: ' + error.message);
      throw error;
    });
    return this.loading;
  };

  Console.prototype.useDocument = function (doc) {
    var c = this.controls;
    this.doc = doc;
    this.checker = new Checker(doc);
    this.fail('');
    this.servers = serverUrls(doc, this.current.data.console.url);
    options(c.server, this.servers);
    var channels = doc.channels || {};
    this.channels = Object.keys(channels).filter(function (id) {
      return channels[id] && typeof channels[id].address === 'string';
    }).map(function (id) {
      var ch = channels[id];
      return { id: id, channel: ch, label: (ch.title || id) + ' \u2014 ' + ch.address };
    });
    options(c.channel, this.channels);
    if (!this.channels.length) { this.fail('The specification documents no channel.'); return; }
    var wanted = this.state.channel;
    var index = this.channels.map(function (ch) { return ch.id; }).indexOf(wanted);
    if (index >= 0) c.channel.value = String(index);
    this.selectChannel();
    this.setState('closed', 'Not connected');
    this.decorate(this.current);
    this.root.setAttribute('data-cs-ready', '');
  };

  Console.prototype.channelEntry = function () {
    return this.channels[Number(this.controls.channel.value) || 0];
  };

  Console.prototype.selectChannel = function () {
    var self = this;
    var c = this.controls;
    var entry = this.channelEntry();
    var messages = channelMessages(this.doc, entry.id);
    this.actions = messages.actions;
    this.events = messages.events;
    this.actionKey = envelopeKey(this.doc, this.actions, 'action');
    this.eventKey = envelopeKey(this.doc, this.events, 'type');
    this.state.channel = entry.id;
    saveState(this.state);
    var params = entry.channel.parameters || {};
    var names = (entry.channel.address.match(/\{[^{}\/]+\}/g) || []).map(function (p) {
      return p.slice(1, -1);
    });
    this.paramInputs = {};
    c.params.replaceChildren.apply(c.params, names.map(function (name) {
      var param = deref(self.doc, params[name]) || {};
      var example = (param.examples || [])[0];
      var input = el('input', { type: 'text', class: 'cs-try-param', 'data-param': name, required: true });
      input.value = example === undefined ? '' : String(example);
      input.addEventListener('input', self.updateUrl.bind(self));
      self.paramInputs[name] = input;
      return field(name, input, param.description || '');
    }));
    this.buildAuth(channelSchemes(this.doc, entry.id));
    options(c.action, this.actions.map(function (m) {
      var name = wireName(self.doc, m.message, self.actionKey);
      return { label: name + (m.message.summary ? ' \u2014 ' + m.message.summary : '') };
    }));
    this.selectAction();
    this.buildEvents();
    this.updateUrl();
    this.updateFilter();
    this.markOperations();
  };

  // -- authentication ------------------------------------------------------------------------

  Console.prototype.buildAuth = function (schemes) {
    var self = this;
    var c = this.controls;
    this.tokenName = '';
    this.protocolInput = null;
    this.queryInput = null;
    var parts = schemes.map(function (s) { return self.authField(s); });
    if (!schemes.length) parts = [el('p', { class: 'cs-try-hint', text: 'No authentication is documented for this channel.' })];
    c.auth.replaceChildren.apply(c.auth, [el('div', { class: 'cs-try-auth-title', text: 'Authentication' })].concat(parts));
  };

  Console.prototype.authField = function (s) {
    var self = this;
    var name = String(s.scheme.name || '');
    var sameHost = 'Cookies go with the handshake only when the server is on this site (' + window.location.host + ').';
    var box = el('div', { class: 'cs-try-scheme', 'data-scheme': s.key, 'data-kind': s.kind || 'unsupported' });
    var head = el('div', { class: 'cs-try-scheme-name' }, [el('code', { text: s.key }),
      el('span', { text: ' ' + (s.scheme.description || s.scheme.type || '') })]);
    box.appendChild(head);
    if (s.kind === 'session') {
      box.appendChild(el('p', { class: 'cs-try-hint', text: 'Log in on this site first: your browser sends its session cookie (' + name + ') with the handshake. ' + sameHost }));
    } else if (s.kind === 'query') {
      var input = el('input', { type: 'text', class: 'cs-try-token', autocomplete: 'off', 'data-scheme': s.key });
      input.addEventListener('input', this.updateUrl.bind(this));
      this.tokenName = name;
      this.queryInput = input;
      box.appendChild(field('Token (?' + name + '=)', input));
    } else if (s.kind === 'protocol') {
      var proto = el('input', { type: 'text', class: 'cs-try-protocol', autocomplete: 'off', 'data-scheme': s.key });
      this.protocolInput = proto;
      box.appendChild(field('Token (Sec-WebSocket-Protocol)', proto, 'Sent as the subprotocol the handshake offers.'));
    } else if (s.kind === 'cookie') {
      var value = el('input', { type: 'text', class: 'cs-try-cookie', autocomplete: 'off', 'data-scheme': s.key });
      var set = button('cs-try-cookie-set', 'Set cookie');
      var clear = button('cs-try-cookie-clear', 'Clear cookie');
      var state = el('span', { class: 'cs-try-cookie-state' });
      var show = function () {
        var has = document.cookie.split('; ').some(function (c) { return c.split('=')[0] === name; });
        state.textContent = has ? name + ' is set' : name + ' is not set';
      };
      set.addEventListener('click', function () {
        document.cookie = name + '=' + encodeURIComponent(value.value) + '; path=/; SameSite=Lax';
        show();
        self.note('Cookie ' + name + ' set for ' + window.location.host + '.');
      });
      clear.addEventListener('click', function () {
        document.cookie = name + '=; path=/; max-age=0; SameSite=Lax';
        show();
        self.note('Cookie ' + name + ' cleared.');
      });
      box.appendChild(field('Cookie ' + name, value, sameHost));
      box.appendChild(el('div', { class: 'cs-try-row' }, [set, clear, state]));
      show();
    } else {
      box.appendChild(el('p', { class: 'cs-try-hint', text: 'A browser cannot send this kind of credential with a WebSocket handshake (no custom headers); use a client library.' }));
    }
    return box;
  };

  Console.prototype.socketUrl = function () {
    var entry = this.channelEntry();
    var server = this.servers[Number(this.controls.server.value) || 0];
    var inputs = this.paramInputs;
    var path = entry.channel.address.replace(/\{([^{}\/]+)\}/g, function (m, name) {
      return encodeURIComponent(inputs[name] ? inputs[name].value : '');
    });
    var url = server.base + (path.charAt(0) === '/' ? path : '/' + path);
    var query = [];
    var token = this.queryInput ? this.queryInput.value : '';
    if (this.tokenName && token) query.push(encodeURIComponent(this.tokenName) + '=' + encodeURIComponent(token));
    if (this.eventsUrl()) query.push('cs_console=' + this.consoleId);
    return query.length ? url + (url.indexOf('?') === -1 ? '?' : '&') + query.join('&') : url;
  };

  Console.prototype.eventsUrl = function () {
    return this.current && this.current.data.console.events;
  };

  Console.prototype.updateUrl = function () {
    this.controls.url.textContent = this.socketUrl();
  };

  // -- composing ---------------------------------------------------------------------------

  Console.prototype.selectAction = function () {
    var c = this.controls;
    var m = this.actions[Number(c.action.value) || 0];
    var examples = (m && m.message.examples) || [];
    var items = examples.map(function (ex, i) {
      return { label: ex.name || ex.summary || 'Example ' + (i + 1) };
    });
    items.push({ label: 'Skeleton from the schema' });
    options(c.example, items);
    c.action.disabled = !this.actions.length;
    c.example.disabled = !m;
    this.fillExample();
  };

  Console.prototype.selectedAction = function () {
    return (this.actions || [])[Number(this.controls.action.value) || 0];
  };

  Console.prototype.fillExample = function () {
    var c = this.controls;
    var m = this.selectedAction();
    this.describePayload(m ? frameKind(this.doc, m.message) : 'json');
    if (!m) { c.payload.value = ''; this.checkOutgoing(); return; }
    var examples = m.message.examples || [];
    var example = examples[Number(c.example.value) || 0];
    var payload = example && example.payload !== undefined ? example.payload
      : skeleton(this.doc, m.message.payload, 0);
    var raw = frameKind(this.doc, m.message) !== 'json' && typeof payload === 'string';
    c.payload.value = raw ? payload : JSON.stringify(payload, null, 2);
    this.checkOutgoing();
  };

  // The message box's label and hint say how its text goes over the wire.
  Console.prototype.describePayload = function (kind) {
    var box = this.controls.payloadField;
    box.querySelector('label').textContent = kind === 'json' ? 'Message (JSON)'
      : kind === 'binary' ? 'Message (binary)' : 'Message (text)';
    box.querySelector('.cs-try-hint').textContent = (kind === 'binary'
      ? 'Sent as a binary frame: the UTF-8 bytes of this text. '
      : kind === 'text' ? 'Sent as a text frame, exactly as typed. ' : '') + 'Ctrl+Enter sends.';
  };

  // A frame that is not JSON, against the documented messages of its kind (text or binary).
  Console.prototype.judgeRaw = function (data, messages) {
    var self = this;
    var binary = typeof data !== 'string';
    var candidates = messages.filter(function (m) {
      return frameKind(self.doc, m.message) === (binary ? 'binary' : 'text');
    });
    if (!candidates.length) {
      return { valid: false, name: '', errors: [{ path: '$', message: binary ? 'binary frames are not documented' : 'not JSON' }] };
    }
    var name = function (m) { return wireName(self.doc, m.message, self.eventKey); };
    // Bytes have no schema the console can check: a documented binary message is enough.
    if (binary) return { valid: true, name: name(candidates[0]), errors: [] };
    var results = candidates.map(function (m) { return self.checker.errors(m.message.payload, data); });
    var index = results.findIndex(function (errors) { return !errors.length; });
    if (index !== -1) return { valid: true, name: name(candidates[index]), errors: [] };
    return { valid: false, name: candidates.length === 1 ? name(candidates[0]) : '', errors: results[0] };
  };

  Console.prototype.judge = function (frame, messages, key, kind) {
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
      return { valid: false, name: '', errors: [{ path: '$', message: 'not a JSON object' }] };
    }
    var name = frame[key];
    var self = this;
    var candidates = messages.filter(function (m) { return wireName(self.doc, m.message, key) === name; });
    if (!candidates.length) {
      var msg = name === undefined ? 'no "' + key + '" key' : 'undocumented ' + kind + ' ' + show(name);
      return { valid: false, name: name === undefined ? '' : String(name), errors: [{ path: '$.' + key, message: msg }] };
    }
    var results = candidates.map(function (m) { return self.checker.errors(m.message.payload, frame); });
    var ok = results.some(function (errors) { return !errors.length; });
    return { valid: ok, name: String(name), errors: ok ? [] : results[0] };
  };

  Console.prototype.checkOutgoing = function () {
    var c = this.controls;
    var frame;
    var m = this.doc && this.selectedAction();
    var kind = m ? frameKind(this.doc, m.message) : 'json';
    if (kind !== 'json') {
      frame = new RawFrame(c.payload.value, kind);
      var raw = this.rawVerdict(frame, m);
      c.check.textContent = raw.valid ? 'Matches the documented ' + raw.name + ' action.'
        : raw.errors.map(function (e) { return e.path + ': ' + e.message; }).join('; ');
      c.check.setAttribute('data-valid', String(raw.valid));
      return frame;
    }
    try { frame = JSON.parse(c.payload.value); } catch (e) {
      c.check.textContent = 'Not valid JSON: ' + e.message;
      c.check.setAttribute('data-valid', 'false');
      return null;
    }
    var verdict = this.judge(frame, this.actions || [], this.actionKey, 'action');
    c.check.textContent = verdict.valid ? 'Matches the documented ' + verdict.name + ' action.'
      : verdict.errors.map(function (e) { return e.path + ': ' + e.message; }).join('; ');
    c.check.setAttribute('data-valid', String(verdict.valid));
    return frame;
  };

  // -- the connection ----------------------------------------------------------------------

  Console.prototype.setState = function (state, text) {
    var c = this.controls;
    c.status.setAttribute('data-state', state);
    c.status.textContent = text;
    this.root.setAttribute('data-state', state);
    var open = state === 'open';
    c.connect.disabled = state !== 'closed' || !this.doc;
    c.disconnect.disabled = state === 'closed';
    c.reconnect.disabled = state === 'connecting' || !this.doc;
    c.send.disabled = !this.doc || state === 'connecting';
    c.channel.disabled = c.server.disabled = c.spec.disabled = state !== 'closed';
    c.trigger.disabled = !open || !this.eventsUrl() || !this.events.length;
    this.markOperations();
  };

  Console.prototype.connect = function () {
    var self = this;
    if (!this.doc || this.socket) return false;
    var inputs = this.paramInputs;
    var empty = Object.keys(inputs).filter(function (name) { return !inputs[name].value; });
    if (empty.length) {
      this.note('Fill in the address parameter ' + empty.join(', ') + ' first.');
      inputs[empty[0]].focus();
      return false;
    }
    var url = this.socketUrl();
    var protocols = this.protocolInput && this.protocolInput.value ? [this.protocolInput.value] : [];
    var socket;
    try { socket = new WebSocket(url, protocols); } catch (e) {
      this.note('Cannot connect to ' + url + ': ' + e.message);
      return;
    }
    var opened = false;
    var channel = this.channelEntry().channel;
    this.socket = socket;
    this.setState('connecting', 'Connecting\u2026');
    this.note('Connecting to ' + url + (protocols.length ? ' (subprotocol token offered)' : ''));
    socket.addEventListener('open', function () {
      if (self.socket !== socket) return;
      opened = true;
      self.setState('open', 'Connected');
      self.note('Connected' + (socket.protocol ? ' (subprotocol ' + socket.protocol + ')' : '') + '.');
      var frame = self.pending;
      self.pending = null;
      if (frame !== null) self.sendFrame(frame);
    });
    socket.addEventListener('message', function (event) {
      if (self.socket === socket) self.received(event.data);
    });
    socket.addEventListener('close', function (event) {
      if (self.socket !== socket) return;
      self.socket = null;
      self.pending = null;
      self.setState('closed', 'Not connected');
      self.note('Connection closed (code ' + event.code + (event.reason ? ', ' + event.reason : '') + '). ' +
        explainClose(event.code, opened, self.doc, channel), { code: event.code });
    });
  };

  Console.prototype.disconnect = function (quiet) {
    var socket = this.socket;
    this.socket = null;
    this.pending = null;
    if (socket) {
      socket.close(1000);
      this.setState('closed', 'Not connected');
      if (!quiet) this.note('Disconnected.');
    }
  };

  Console.prototype.send = function () {
    var frame = this.checkOutgoing();
    if (frame === null || !this.doc) return;
    if (this.socket && this.socket.readyState === WebSocket.OPEN) { this.sendFrame(frame); return; }
    this.pending = frame; // sent as soon as the connection opens
    if (!this.socket && this.connect() === false) this.pending = null;
  };

  // A typed frame is checked against the action chosen for it (bytes only need it documented).
  Console.prototype.rawVerdict = function (frame, m) {
    var name = wireName(this.doc, m.message, this.actionKey);
    if (frame.kind === 'binary') return { valid: true, name: name, errors: [] };
    var errors = this.checker.errors(m.message.payload, frame.text);
    return { valid: !errors.length, name: name, errors: errors };
  };

  Console.prototype.sendFrame = function (frame) {
    if (frame instanceof RawFrame) {
      this.socket.send(frame.kind === 'binary' ? new TextEncoder().encode(frame.text) : frame.text);
      this.log('out', frame.text, this.rawVerdict(frame, this.selectedAction()));
      return;
    }
    this.socket.send(JSON.stringify(frame));
    this.log('out', frame, this.judge(frame, this.actions, this.actionKey, 'action'));
  };

  Console.prototype.received = function (data) {
    var verdict;
    if (typeof data !== 'string') {
      verdict = this.judgeRaw(data, this.events);
      var size = data.size !== undefined ? data.size : data.byteLength;
      this.log('in', '(binary frame, ' + size + ' bytes)', verdict);
      this.arrived(verdict);
      return;
    }
    var frame;
    try { frame = JSON.parse(data); } catch (e) {
      verdict = this.judgeRaw(data, this.events);
      this.log('in', data, verdict);
      this.arrived(verdict);
      return;
    }
    verdict = this.judge(frame, this.events, this.eventKey, 'event');
    if (!verdict.valid) {
      // Text that happens to parse as JSON ("42") may be a documented text message.
      var text = this.judgeRaw(data, this.events);
      if (text.valid) { this.log('in', data, text); this.arrived(text); return; }
    }
    this.log('in', frame, verdict);
    this.arrived(verdict);
  };

  // -- server events on request ------------------------------------------------------------

  Console.prototype.buildEvents = function () {
    var self = this;
    var c = this.controls;
    var items = [];
    this.eventChoices = [];
    this.events.forEach(function (m) {
      var name = wireName(self.doc, m.message, self.eventKey);
      var examples = m.message.examples || [];
      examples.forEach(function (ex, i) {
        if (ex.payload === undefined) return;
        self.eventChoices.push({ name: name, example: i });
        items.push({ label: name + (examples.length > 1 ? ' \u2014 ' + (ex.name || 'example ' + (i + 1)) : '') });
      });
    });
    options(c.event, items);
    c.eventsBox.hidden = !this.events.length;
    c.eventsHint.textContent = !this.eventsUrl()
      ? 'The server does not take event requests from this page (see TRY_IT_OUT_EVENTS); connect and wait for the events listed in the documentation.'
      : 'The server sends the documented example through the channel layer to this connection, so the consumer\u2019s own handler runs.';
    c.trigger.disabled = !this.socket || !this.eventsUrl() || !items.length;
    c.trigger.hidden = !this.eventsUrl();
  };

  Console.prototype.trigger = function (choice) {
    var self = this;
    var chosen = choice && choice.name ? choice : this.eventChoices[Number(this.controls.event.value) || 0];
    var url = this.eventsUrl();
    if (!chosen || !url) return Promise.resolve();
    var body = {
      console: this.consoleId, address: this.channelEntry().channel.address,
      event: chosen.name, example: chosen.example
    };
    this.note('Asked the server for ' + chosen.name + '.');
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': this.current.data.console.csrfToken || '' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        // 503: allowed, but the event cannot reach this connection; the server says why.
        if (response.status === 503) self.note('The event cannot arrive: ' + (data.error || response.statusText));
        else if (!response.ok) self.note('The server refused (' + response.status + '): ' + (data.error || response.statusText));
        else self.note('The server sent ' + data.sent + ' to ' + data.handler + '.');
      });
    }, function (error) { self.note('The request failed: ' + error.message); });
  };

  // -- the log -------------------------------------------------------------------------------

  Console.prototype.note = function (text, extra) {
    var now = new Date();
    this.entries.push(Object.assign({ time: now.toISOString(), direction: 'info', text: text }, extra || {}));
    this.append(el('li', { class: 'cs-try-entry cs-try-note', 'data-direction': 'info' }, [
      el('time', { text: clock(now) }), el('span', { text: ' ' + text })
    ]));
  };

  Console.prototype.log = function (direction, frame, verdict) {
    var self = this;
    var now = new Date();
    this.entries.push({
      time: now.toISOString(), direction: direction, message: verdict.name, valid: verdict.valid,
      errors: verdict.errors, frame: frame
    });
    var label = direction === 'in' ? '\u2193 received' : '\u2191 sent';
    var errors = verdict.errors.map(function (e) { return el('li', { text: e.path + ': ' + e.message }); });
    var body = typeof frame === 'string' ? frame : JSON.stringify(frame, null, 2);
    var copy = button('cs-try-copy', 'Copy', { 'aria-label': 'Copy this frame' });
    copy.addEventListener('click', function () { self.copy(body, copy); });
    var tools = [copy];
    if (direction === 'out') {
      var edit = button('cs-try-edit', 'Edit & resend', { 'aria-label': 'Put this frame in the message box to edit and send again' });
      edit.addEventListener('click', function () {
        self.controls.payload.value = body;
        self.checkOutgoing();
        self.controls.payload.focus();
      });
      var again = button('cs-try-resend', 'Resend');
      again.addEventListener('click', function () { self.controls.payload.value = body; self.send(); });
      tools.push(edit, again);
    }
    var entry = el('li', {
      class: 'cs-try-entry', 'data-direction': direction,
      'data-valid': String(verdict.valid), 'data-message': verdict.name
    }, [
      el('div', { class: 'cs-try-entry-head' }, [
        el('span', { class: 'cs-try-dir', text: label }), el('time', { datetime: now.toISOString(), text: clock(now) }),
        el('code', { class: 'cs-try-name', text: verdict.name || '?' }),
        el('span', { class: 'cs-try-badge', text: verdict.valid ? 'valid' : 'invalid' }),
        el('span', { class: 'cs-try-tools' }, tools)
      ]),
      errors.length ? el('ul', { class: 'cs-try-errors' }, errors) : null,
      el('pre', { class: 'cs-try-frame', text: body })
    ]);
    this.append(entry);
    this.updateFilter(verdict.name);
    this.applyFilter();
  };

  Console.prototype.copy = function (text, node) {
    var done = function () { node.textContent = 'Copied'; setTimeout(function () { node.textContent = 'Copy'; }, 1500); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { node.textContent = 'Copy failed'; });
    } else {
      node.textContent = 'Copy failed';
    }
  };

  Console.prototype.append = function (entry) {
    var log = this.controls.log;
    log.appendChild(entry);
    while (log.children.length > MAX_ENTRIES) log.removeChild(log.firstChild);
    if (this.entries.length > MAX_ENTRIES * 4) this.entries.splice(0, this.entries.length - MAX_ENTRIES * 4);
    log.scrollTop = log.scrollHeight;
  };

  // The filter lists every documented message of the channel and every name logged.
  Console.prototype.updateFilter = function (extra) {
    var c = this.controls;
    var self = this;
    var names = [];
    var add = function (name) { if (name && names.indexOf(name) === -1) names.push(name); };
    (this.actions || []).forEach(function (m) { add(wireName(self.doc, m.message, self.actionKey)); });
    (this.events || []).forEach(function (m) { add(wireName(self.doc, m.message, self.eventKey)); });
    this.entries.forEach(function (e) { add(e.message); });
    add(extra);
    var chosen = c.filter.value;
    var items = [el('option', { value: '', text: 'All messages' })].concat(names.map(function (n) {
      return el('option', { value: n, text: n });
    }));
    c.filter.replaceChildren.apply(c.filter, items);
    c.filter.value = names.indexOf(chosen) !== -1 ? chosen : '';
  };

  Console.prototype.applyFilter = function () {
    var wanted = this.controls.filter.value;
    Array.prototype.forEach.call(this.controls.log.children, function (entry) {
      var name = entry.getAttribute('data-message');
      entry.hidden = !!wanted && name !== wanted;
    });
  };

  Console.prototype.exportLog = function () {
    var data = {
      exported: new Date().toISOString(), page: window.location.href,
      url: this.doc ? this.socketUrl() : null, entries: this.entries
    };
    var blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    var link = el('a', { href: URL.createObjectURL(blob), download: 'websocket-session.json' });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  };

  // -- "Try it" on the viewer's operations -------------------------------------------------

  Console.prototype.watchViewer = function (source) {
    var self = this;
    var viewer = source.container.querySelector('.cs-asyncapi-viewer') || source.container;
    var queued = false;
    var run = function () { queued = false; self.decorate(source); };
    new MutationObserver(function () {
      if (!queued) { queued = true; window.requestAnimationFrame(run); }
    }).observe(viewer, { childList: true, subtree: true });
    run();
  };

  // The viewer's operation items: <li id="operation-{kind}-{id}">, where the kind is
  // receive or reply for what the application receives (the client sends: "Try it"), and
  // send or request for what it sends.
  var OPERATION_ID = /operation-(send|receive|reply|request)-(.+)$/;

  Console.prototype.decorate = function (source) {
    var self = this;
    var items = source.container.querySelectorAll('li[id*="operation-"]');
    Array.prototype.forEach.call(items, function (node) {
      if (node.querySelector('.cs-try-op')) return;
      var match = OPERATION_ID.exec(node.id);
      if (!match) return;
      var opId = match[2];
      var action = match[1] === 'receive' || match[1] === 'reply' ? 'receive' : 'send';
      var bar = el('div', { class: 'cs-try-op', 'data-operation': opId, 'data-action': action });
      if (action === 'receive') {
        var tryIt = button('cs-try-it', 'Try it', { 'aria-label': 'Try ' + opId + ' in the console' });
        tryIt.addEventListener('click', function () { self.tryOperation(source, opId); });
        bar.appendChild(tryIt);
      } else {
        bar.appendChild(el('span', { class: 'cs-try-waiting', role: 'status' }));
        if (source.data.console.events) {
          var ask = button('cs-try-ask', 'Ask the server', { hidden: true, 'aria-label': 'Ask the server to send ' + opId + ' to the console' });
          ask.addEventListener('click', function () { self.trigger(self.choiceFor(opId)); });
          bar.appendChild(ask);
        }
      }
      // In the operation's own column, above its heading (not over the examples column).
      var host = node.querySelector('.panel-item--center') || node;
      host.insertBefore(bar, host.firstChild);
    });
    this.markOperations();
  };

  // Server→client operations of the connected channel say what the console waits for.
  Console.prototype.markOperations = function () {
    var self = this;
    var connected = this.socket && this.socket.readyState === WebSocket.OPEN && this.doc;
    var channelId = connected ? this.channelEntry().id : null;
    this.sources.forEach(function (source) {
      Array.prototype.forEach.call(source.container.querySelectorAll('.cs-try-op[data-action="send"]'), function (bar) {
        var opId = bar.getAttribute('data-operation');
        var status = bar.querySelector('.cs-try-waiting');
        var live = connected && source === self.current && operationChannel(self.doc, opId) === channelId;
        bar.setAttribute('data-live', String(!!live));
        var ask = bar.querySelector('.cs-try-ask');
        if (ask) ask.hidden = !live || !self.choiceFor(opId);
        if (!live) { status.textContent = ''; bar.removeAttribute('data-received'); return; }
        if (bar.hasAttribute('data-received')) return;
        var names = self.operationMessages(opId);
        status.textContent = 'Connected: waiting for ' + (names.join(', ') || 'a frame') + '\u2026';
      });
    });
  };

  Console.prototype.operationMessages = function (opId) {
    var self = this;
    var op = (this.doc.operations || {})[opId] || {};
    var list = [];
    addMessages(this.doc, list, op.messages || []);
    return list.map(function (m) { return wireName(self.doc, m.message, self.eventKey); });
  };

  // The first documented example of one of the operation's events, if any.
  Console.prototype.choiceFor = function (opId) {
    var names = this.operationMessages(opId);
    return (this.eventChoices || []).filter(function (c) { return names.indexOf(c.name) !== -1; })[0] || null;
  };

  Console.prototype.arrived = function (verdict) {
    var self = this;
    if (!this.current || !verdict.name) return;
    Array.prototype.forEach.call(this.current.container.querySelectorAll('.cs-try-op[data-live="true"]'), function (bar) {
      if (self.operationMessages(bar.getAttribute('data-operation')).indexOf(verdict.name) === -1) return;
      bar.setAttribute('data-received', String(verdict.valid));
      bar.querySelector('.cs-try-waiting').textContent = 'Received ' + verdict.name + ' at ' + clock() +
        (verdict.valid ? ' \u2014 valid' : ' \u2014 invalid');
    });
  };

  Console.prototype.tryOperation = function (source, opId) {
    var self = this;
    var index = this.sources.indexOf(source);
    this.setOpen(true);
    var ready = this.current === source && this.doc ? Promise.resolve(this.doc) : this.load(index);
    return ready.then(function () {
      var channelId = operationChannel(self.doc, opId);
      var c = self.controls;
      var at = self.channels.map(function (ch) { return ch.id; }).indexOf(channelId);
      if (at === -1) return;
      if (String(at) !== c.channel.value) {
        self.disconnect();
        c.channel.value = String(at);
        self.selectChannel();
      }
      var op = (self.doc.operations || {})[opId] || {};
      var first = [];
      addMessages(self.doc, first, op.messages || []);
      var refs = self.actions.map(function (m) { return m.ref; });
      var pick = first.length ? refs.indexOf(first[0].ref) : -1;
      c.action.value = String(pick === -1 ? 0 : pick);
      self.selectAction();
      self.root.setAttribute('data-operation', opId);
      c.send.focus();
    });
  };

  // -- start-up ----------------------------------------------------------------------------

  var page = null;

  function scan() {
    var embeds = document.querySelectorAll('.cs-asyncapi[data-cs-asyncapi]:not([data-cs-console-source])');
    Array.prototype.forEach.call(embeds, function (container) {
      var data = readData(container);
      if (!data || !data.console) return;
      container.setAttribute('data-cs-console-source', '');
      if (!page) page = new Console();
      page.addSource(container, data);
    });
    if (page) {
      // Instant navigation replaced the content: forget embeds that left the page.
      page.sources = page.sources.filter(function (s) { return document.contains(s.container); });
      if (page.current && page.sources.indexOf(page.current) === -1) {
        page.disconnect(true);
        page.current = null;
        page.started = false;
        if (page.sources.length && page.isOpen()) page.start();
      }
      options(page.controls.spec, page.sources);
      page.root.hidden = !page.sources.length;
      document.body.classList.toggle('cs-console-docked', !!page.sources.length);
    }
  }

  function startAll() {
    try { scan(); } catch (e) {
      // Never take the viewer down with us.
      if (window.console) window.console.warn('channels-spectacular try-it-out:', e);
    }
  }

  window.ChannelsSpectacularTryItOut = {
    get console() { return page; },
    start: startAll,
    explainClose: function (code, opened) { return explainClose(code, opened, {}, {}); },
    validate: function (doc, schema, value) { return new Checker(doc).errors(schema, value); }
  };

  if (window.document$ && typeof window.document$.subscribe === 'function') window.document$.subscribe(startAll);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startAll);
  else startAll();
})();
