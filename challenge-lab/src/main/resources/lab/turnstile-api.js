/*
 * The lab's Turnstile-like widget: the same client contract as the real one (div.cf-turnstile[data-sitekey] rendered
 * implicitly, or turnstile.render(el, params) explicitly with ?render=explicit&onload=fn; a frame whose address names
 * the site key; a hidden response field, named cf-turnstile-response or response-field-name, or none with
 * response-field: false; callback / error-callback / expired-callback; execution: 'execute' with turnstile.execute;
 * getResponse / isExpired / reset / remove; refresh-expired: 'auto'; action and cData), backed by the lab's own
 * challenge: a proof of work the page's JavaScript computes, checked and signed by the lab server.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var base = new URL(script.src).origin;
  var options = new URL(script.src).searchParams;
  var widgets = {};
  var count = 0;
  /** How long after its expiry a widget notices it, like a real widget checking now and then. */
  var EXPIRY_NOTICE_MS = 1000;

  function named(fnName) { return fnName && typeof window[fnName] === 'function' ? window[fnName] : null; }
  function attr(container, name) { return container.getAttribute('data-' + name); }

  function render(container, params) {
    params = params || {};
    var id = 'lab-widget-' + (++count);
    var sitekey = params.sitekey || attr(container, 'sitekey');
    var action = params.action || attr(container, 'action') || '';
    var cdata = params.cData || attr(container, 'cdata') || '';
    var onSuccess = params.callback || named(attr(container, 'callback'));
    var onError = params['error-callback'] || named(attr(container, 'error-callback'));
    var onExpired = params['expired-callback'] || named(attr(container, 'expired-callback'));
    var responseField = params['response-field'] !== undefined ? params['response-field'] !== false
      : attr(container, 'response-field') !== 'false';
    var fieldName = params['response-field-name'] || attr(container, 'response-field-name') || 'cf-turnstile-response';
    var execution = params.execution || attr(container, 'execution') || 'render';
    var refreshExpired = params['refresh-expired'] || attr(container, 'refresh-expired') || 'auto';
    /* The lab's own knob: the first token's lifetime (a stand-in for a token kept too long). */
    var firstLifetimeMs = params['lab-first-lifetime-ms'] || attr(container, 'lab-first-lifetime-ms') || '';

    var widget = { id: id, container: container, token: null, expiresAt: 0, running: false, issued: 0 };
    widgets[id] = widget;
    container.__labWidget = widget;

    var frame = document.createElement('iframe');
    frame.src = base + '/lab/turnstile/v0/frame/' + encodeURIComponent(sitekey);
    frame.title = 'Lab widget';
    frame.style.cssText = 'border:0;width:300px;height:40px';
    container.appendChild(frame);
    var field = null;
    if (responseField) {
      field = document.createElement('input');
      field.type = 'hidden';
      field.name = fieldName;
      field.id = id + '_response';
      container.appendChild(field);
    }
    var box = document.createElement('div');
    box.className = 'lab-widget';
    box.textContent = execution === 'execute' ? 'Waiting for the page' : 'Verifying you are human...';
    container.appendChild(box);
    container.setAttribute('data-state', execution === 'execute' ? 'idle' : 'running');

    function fail(reason) {
      box.textContent = 'Error: ' + reason;
      container.setAttribute('data-state', 'error');
      if (onError) { onError(reason); }
    }

    function set(token, expiresInMs) {
      widget.token = token;
      widget.expiresAt = Date.now() + expiresInMs;
      if (field) { field.value = token || ''; }
    }

    widget.run = function () {
      if (widget.running) { return; }
      widget.running = true;
      container.setAttribute('data-state', 'running');
      var started = performance.now();
      labWork.post(base, '/lab/turnstile/v0/challenge', { sitekey: sitekey, hostname: location.hostname })
        .then(async function (challenge) {
          if (challenge.mode === 'interactive') {
            box.innerHTML = '<label><input type="checkbox" class="lab-human-check"> Verify you are human</label>';
            container.setAttribute('data-state', 'interactive');
            return;
          }
          if (challenge.mode === 'never') { return; }
          if (challenge.delayMs) { await labWork.pause(challenge.delayMs); }
          var nonce = await labWork.prove(challenge);
          var answer = await labWork.post(base, '/lab/turnstile/v0/answer', { challenge: challenge.challenge,
            nonce: String(nonce), action: action, cdata: cdata, lifetimeMs: widget.issued === 0 ? firstLifetimeMs : '' });
          widget.running = false;
          if (answer.error) { fail(answer.error); return; }
          widget.issued++;
          set(answer.token, answer.expiresInMs);
          box.textContent = 'Success!';
          container.setAttribute('data-state', 'solved');
          window.__labTiming = { challengeMs: performance.now() - started, sincePageStartMs: performance.now() };
          if (onSuccess) { onSuccess(answer.token); }
          setTimeout(function expire() {
            if (widget.token !== answer.token) { return; }
            set(null, 0);
            container.setAttribute('data-state', 'expired');
            if (onExpired) { onExpired(answer.token); }
            if (refreshExpired === 'auto') { widget.run(); }
          }, answer.expiresInMs + EXPIRY_NOTICE_MS);
        })
        .catch(function (e) { widget.running = false; fail(e.message); });
    };
    if (execution !== 'execute') { widget.run(); }
    return id;
  }

  function find(target) {
    if (!target) { return Object.keys(widgets).map(function (k) { return widgets[k]; })[0]; }
    if (typeof target === 'string') {
      if (widgets[target]) { return widgets[target]; }
      var el = document.querySelector(target);
      return el && el.__labWidget;
    }
    return target.__labWidget;
  }

  window.turnstile = {
    render: function (target, params) {
      var el = typeof target === 'string' ? document.querySelector(target) : target;
      return render(el, params);
    },
    execute: function (target) { var w = find(target); if (w) { w.run(); } },
    getResponse: function (target) { var w = find(target); return w && w.token ? w.token : undefined; },
    isExpired: function (target) { var w = find(target); return !!(w && w.token && Date.now() >= w.expiresAt); },
    reset: function (target) { var w = find(target); if (w) { w.token = null; w.run(); } },
    remove: function (target) { var w = find(target); if (w) { w.container.innerHTML = ''; delete widgets[w.id]; } }
  };

  function renderAll() {
    document.querySelectorAll('.cf-turnstile').forEach(function (c) { if (!c.__labWidget) { render(c); } });
  }
  if (options.get('render') !== 'explicit') {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', renderAll);
    } else {
      renderAll();
    }
  }
  var onload = named(options.get('onload'));
  if (onload) { onload(); }
})();
