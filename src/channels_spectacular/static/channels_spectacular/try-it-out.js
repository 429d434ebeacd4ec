/*
 * channels-spectacular: the try-it-out console of /ws-docs/.
 *
 * Reads the AsyncAPI document as JSON from the spec view (?format=json), lets the reader
 * pick a channel, fill its address parameters, connect to the server from the document,
 * send a documented action (pre-filled from its examples) and watch the events that come
 * back, each checked against the document by a small JSON Schema validator covering what
 * the generator emits. Plain browser JavaScript, no build step, nothing inline: the
 * container's data attributes configure it, so it works under a strict CSP.
 */
(function () {
  'use strict';

  var SELECTOR = '[data-cs-try-it-out]';
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

  function serverUrls(doc) {
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

  function queryTokenName(doc, override) {
    if (override) return override;
    var schemes = (doc.components && doc.components.securitySchemes) || {};
    var names = Object.keys(schemes).map(function (k) { return deref(doc, schemes[k]) || {}; })
      .filter(function (s) { return s.type === 'httpApiKey' && s.in === 'query' && s.name; })
      .map(function (s) { return s.name; });
    return names[0] || '';
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

  function clock() {
    return new Date().toLocaleTimeString();
  }

  // -- the console -------------------------------------------------------------------------

  function TryItOut(root) {
    this.root = root;
    this.body = root.querySelector('.cs-try-body');
    this.specs = this.readSpecs();
    this.doc = null;
    this.socket = null;
    this.started = false;
  }

  TryItOut.prototype.readSpecs = function () {
    var items = Array.prototype.map.call(this.root.querySelectorAll('.cs-try-specs li'), function (li) {
      return { label: li.getAttribute('data-label'), url: li.getAttribute('data-url') };
    });
    var single = this.root.getAttribute('data-spec-url');
    if (!items.length && single) items.push({ label: 'Specification', url: single });
    return items;
  };

  TryItOut.prototype.start = function () {
    if (this.started) return;
    this.started = true;
    this.build();
    if (!this.specs.length) { this.fail('No specification URL was given to the console.'); return; }
    this.load(0);
  };

  TryItOut.prototype.build = function () {
    var c = this.controls = {
      spec: el('select', { class: 'cs-try-spec' }),
      channel: el('select', { class: 'cs-try-channel' }),
      server: el('select', { class: 'cs-try-server' }),
      params: el('div', { class: 'cs-try-params' }),
      token: el('input', { class: 'cs-try-token', type: 'text', autocomplete: 'off' }),
      url: el('output', { class: 'cs-try-url' }),
      connect: el('button', { type: 'button', class: 'cs-try-connect', text: 'Connect' }),
      disconnect: el('button', { type: 'button', class: 'cs-try-disconnect', text: 'Disconnect', disabled: true }),
      status: el('span', { class: 'cs-try-status', 'data-state': 'closed', text: 'Not connected' }),
      action: el('select', { class: 'cs-try-action' }),
      example: el('select', { class: 'cs-try-example' }),
      payload: el('textarea', { class: 'cs-try-payload', rows: '10', spellcheck: 'false' }),
      send: el('button', { type: 'button', class: 'cs-try-send', text: 'Send', disabled: true }),
      check: el('span', { class: 'cs-try-check' }),
      clear: el('button', { type: 'button', class: 'cs-try-clear', text: 'Clear log' }),
      log: el('ol', { class: 'cs-try-log', 'aria-live': 'polite' }),
      problem: el('p', { class: 'cs-try-problem', hidden: true })
    };
    c.tokenField = field('Token', c.token);
    c.specField = field('Specification', c.spec);
    var loading = this.body.querySelector('.cs-try-loading');
    if (loading) loading.remove();
    this.body.append(
      c.problem,
      el('fieldset', { class: 'cs-try-connection' }, [
        el('legend', { text: 'Connection' }), c.specField, field('Channel', c.channel),
        field('Server', c.server), c.params, c.tokenField,
        el('p', { class: 'cs-try-hint', text: 'Your session cookie for this site is sent with the handshake when the server host is this page\u2019s host.' }),
        el('div', { class: 'cs-try-row' }, [el('span', { text: 'URL' }), c.url]),
        el('div', { class: 'cs-try-row' }, [c.connect, c.disconnect, c.status])
      ]),
      el('fieldset', { class: 'cs-try-compose' }, [
        el('legend', { text: 'Send an action' }), field('Action', c.action), field('Example', c.example),
        field('Message (JSON)', c.payload),
        el('div', { class: 'cs-try-row' }, [c.send, c.check])
      ]),
      el('fieldset', { class: 'cs-try-events' }, [
        el('legend', { text: 'Log' }), el('div', { class: 'cs-try-row' }, [c.clear]), c.log
      ])
    );
    c.specField.hidden = this.specs.length < 2;
    options(c.spec, this.specs);
    this.wire();
  };

  TryItOut.prototype.wire = function () {
    var self = this;
    var c = this.controls;
    var on = function (node, type, fn) { node.addEventListener(type, fn.bind(self)); };
    on(c.spec, 'change', function () { this.load(Number(c.spec.value)); });
    on(c.channel, 'change', this.selectChannel);
    on(c.server, 'change', this.updateUrl);
    on(c.token, 'input', this.updateUrl);
    on(c.connect, 'click', this.connect);
    on(c.disconnect, 'click', function () { this.disconnect(); });
    on(c.action, 'change', this.selectAction);
    on(c.example, 'change', this.fillExample);
    on(c.payload, 'input', this.checkOutgoing);
    on(c.send, 'click', this.send);
    on(c.clear, 'click', function () { c.log.replaceChildren(); });
    window.addEventListener('pagehide', function () { self.disconnect(); });
  };

  TryItOut.prototype.fail = function (text) {
    var p = this.controls ? this.controls.problem : null;
    if (!p) return;
    p.textContent = text;
    p.hidden = !text;
  };

  TryItOut.prototype.load = function (index) {
    var self = this;
    var url = new URL(this.specs[index].url, window.location.href);
    url.searchParams.set('format', 'json');
    this.disconnect();
    fetch(url.toString(), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (doc) { self.useDocument(doc); })
      .catch(function (error) {
        self.fail('Cannot load the specification from ' + url.pathname + ': ' + error.message);
      });
  };

  TryItOut.prototype.useDocument = function (doc) {
    var c = this.controls;
    this.doc = doc;
    this.checker = new Checker(doc);
    this.fail('');
    this.servers = serverUrls(doc);
    options(c.server, this.servers);
    var channels = doc.channels || {};
    this.channels = Object.keys(channels).filter(function (id) {
      return channels[id] && typeof channels[id].address === 'string';
    }).map(function (id) {
      var ch = channels[id];
      return { id: id, channel: ch, label: (ch.title || id) + ' \u2014 ' + ch.address };
    });
    options(c.channel, this.channels);
    this.tokenName = queryTokenName(doc, this.root.getAttribute('data-auth-query-param'));
    c.tokenField.hidden = !this.tokenName;
    c.tokenField.querySelector('label').textContent = 'Token (?' + this.tokenName + '=)';
    if (!this.channels.length) { this.fail('The specification documents no channel.'); return; }
    this.selectChannel();
    this.root.setAttribute('data-cs-ready', '');
  };

  TryItOut.prototype.current = function () {
    return this.channels[Number(this.controls.channel.value) || 0];
  };

  TryItOut.prototype.selectChannel = function () {
    var self = this;
    var entry = this.current();
    var messages = channelMessages(this.doc, entry.id);
    this.actions = messages.actions;
    this.events = messages.events;
    this.actionKey = envelopeKey(this.doc, this.actions, 'action');
    this.eventKey = envelopeKey(this.doc, this.events, 'type');
    var params = entry.channel.parameters || {};
    var names = (entry.channel.address.match(/\{[^{}\/]+\}/g) || []).map(function (p) {
      return p.slice(1, -1);
    });
    this.paramInputs = {};
    this.controls.params.replaceChildren.apply(this.controls.params, names.map(function (name) {
      var param = deref(self.doc, params[name]) || {};
      var example = (param.examples || [])[0];
      var input = el('input', { type: 'text', class: 'cs-try-param', 'data-param': name, required: true });
      input.value = example === undefined ? '' : String(example);
      input.addEventListener('input', self.updateUrl.bind(self));
      self.paramInputs[name] = input;
      return field(name, input, param.description || '');
    }));
    options(this.controls.action, this.actions.map(function (m) {
      var name = wireName(self.doc, m.message, self.actionKey);
      return { label: name + (m.message.summary ? ' \u2014 ' + m.message.summary : '') };
    }));
    this.selectAction();
    this.updateUrl();
  };

  TryItOut.prototype.socketUrl = function () {
    var entry = this.current();
    var server = this.servers[Number(this.controls.server.value) || 0];
    var inputs = this.paramInputs;
    var path = entry.channel.address.replace(/\{([^{}\/]+)\}/g, function (m, name) {
      return encodeURIComponent(inputs[name] ? inputs[name].value : '');
    });
    var url = server.base + (path.charAt(0) === '/' ? path : '/' + path);
    var token = this.controls.token.value;
    if (this.tokenName && token) {
      url += (url.indexOf('?') === -1 ? '?' : '&') + encodeURIComponent(this.tokenName) + '=' + encodeURIComponent(token);
    }
    return url;
  };

  TryItOut.prototype.updateUrl = function () {
    this.controls.url.textContent = this.socketUrl();
  };

  TryItOut.prototype.selectAction = function () {
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

  TryItOut.prototype.fillExample = function () {
    var c = this.controls;
    var m = this.actions[Number(c.action.value) || 0];
    if (!m) { c.payload.value = ''; this.checkOutgoing(); return; }
    var examples = m.message.examples || [];
    var example = examples[Number(c.example.value) || 0];
    var payload = example && example.payload !== undefined ? example.payload
      : skeleton(this.doc, m.message.payload, 0);
    c.payload.value = JSON.stringify(payload, null, 2);
    this.checkOutgoing();
  };

  TryItOut.prototype.judge = function (frame, messages, key, kind) {
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

  TryItOut.prototype.checkOutgoing = function () {
    var c = this.controls;
    var frame;
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

  TryItOut.prototype.setState = function (state, text) {
    var c = this.controls;
    c.status.setAttribute('data-state', state);
    c.status.textContent = text;
    var open = state === 'open';
    c.connect.disabled = open || state === 'connecting';
    c.disconnect.disabled = state === 'closed';
    c.send.disabled = !open;
    c.channel.disabled = c.server.disabled = state !== 'closed';
  };

  TryItOut.prototype.connect = function () {
    var self = this;
    var url = this.socketUrl();
    var socket;
    try { socket = new WebSocket(url); } catch (e) {
      this.note('Cannot connect to ' + url + ': ' + e.message);
      return;
    }
    this.socket = socket;
    this.setState('connecting', 'Connecting\u2026');
    socket.addEventListener('open', function () {
      if (self.socket !== socket) return;
      self.setState('open', 'Connected');
      self.note('Connected to ' + url);
    });
    socket.addEventListener('message', function (event) {
      if (self.socket === socket) self.received(event.data);
    });
    socket.addEventListener('close', function (event) {
      if (self.socket !== socket) return;
      self.socket = null;
      self.setState('closed', 'Not connected');
      self.note('Connection closed (code ' + event.code + (event.reason ? ', ' + event.reason : '') + ').');
    });
  };

  TryItOut.prototype.disconnect = function () {
    var socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.close(1000);
      this.setState('closed', 'Not connected');
      this.note('Disconnected.');
    }
  };

  TryItOut.prototype.send = function () {
    var frame = this.checkOutgoing();
    if (frame === null || !this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    var text = JSON.stringify(frame);
    this.socket.send(text);
    this.log('out', frame, this.judge(frame, this.actions, this.actionKey, 'action'));
  };

  TryItOut.prototype.received = function (data) {
    if (typeof data !== 'string') {
      this.log('in', '(binary frame)', { valid: false, name: '', errors: [{ path: '$', message: 'binary frames are not documented' }] });
      return;
    }
    var frame;
    try { frame = JSON.parse(data); } catch (e) {
      this.log('in', data, { valid: false, name: '', errors: [{ path: '$', message: 'not JSON' }] });
      return;
    }
    this.log('in', frame, this.judge(frame, this.events, this.eventKey, 'event'));
  };

  TryItOut.prototype.note = function (text) {
    this.append(el('li', { class: 'cs-try-entry cs-try-note', 'data-direction': 'info' }, [
      el('time', { text: clock() }), el('span', { text: ' ' + text })
    ]));
  };

  TryItOut.prototype.log = function (direction, frame, verdict) {
    var label = direction === 'in' ? '\u2193 received' : '\u2191 sent';
    var errors = verdict.errors.map(function (e) {
      return el('li', { text: e.path + ': ' + e.message });
    });
    var body = typeof frame === 'string' ? frame : JSON.stringify(frame, null, 2);
    this.append(el('li', {
      class: 'cs-try-entry', 'data-direction': direction,
      'data-valid': String(verdict.valid), 'data-message': verdict.name
    }, [
      el('div', { class: 'cs-try-entry-head' }, [
        el('span', { class: 'cs-try-dir', text: label }), el('time', { text: clock() }),
        el('code', { class: 'cs-try-name', text: verdict.name || '?' }),
        el('span', { class: 'cs-try-badge', text: verdict.valid ? 'valid' : 'invalid' })
      ]),
      errors.length ? el('ul', { class: 'cs-try-errors' }, errors) : null,
      el('pre', { class: 'cs-try-frame', text: body })
    ]));
  };

  TryItOut.prototype.append = function (entry) {
    var log = this.controls.log;
    log.appendChild(entry);
    while (log.children.length > MAX_ENTRIES) log.removeChild(log.firstChild);
    log.scrollTop = log.scrollHeight;
  };

  // -- start-up ----------------------------------------------------------------------------

  var consoles = [];

  function setUp(root) {
    if (root.hasAttribute('data-cs-started')) return;
    root.setAttribute('data-cs-started', '');
    var console_ = new TryItOut(root);
    consoles.push(console_);
    // Fetch the document only once the console is opened: closed, it costs nothing.
    if (root.open) console_.start();
    else root.addEventListener('toggle', function () { if (root.open) console_.start(); });
  }

  function startAll() {
    Array.prototype.forEach.call(document.querySelectorAll(SELECTOR), function (root) {
      try { setUp(root); } catch (e) {
        // Never take the viewer down with us.
        if (window.console) window.console.warn('channels-spectacular try-it-out:', e);
      }
    });
  }

  window.ChannelsSpectacularTryItOut = {
    consoles: consoles,
    start: startAll,
    validate: function (doc, schema, value) { return new Checker(doc).errors(schema, value); }
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startAll);
  else startAll();
})();
