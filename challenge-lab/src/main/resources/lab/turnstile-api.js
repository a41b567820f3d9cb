/*
 * The lab's Turnstile-like widget: the same client contract as the real one (div.cf-turnstile[data-sitekey],
 * turnstile.render, hidden cf-turnstile-response field, callback / error-callback, action and cData), backed by the
 * lab's own challenge: a proof of work the page's JavaScript computes, checked and signed by the lab server.
 */
(function () {
  'use strict';
  var base = new URL(document.currentScript.src).origin;

  function named(fnName) { return fnName && typeof window[fnName] === 'function' ? window[fnName] : null; }

  function render(container, params) {
    params = params || {};
    var sitekey = params.sitekey || container.getAttribute('data-sitekey');
    var action = params.action || container.getAttribute('data-action') || '';
    var cdata = params.cData || container.getAttribute('data-cdata') || '';
    var onSuccess = params.callback || named(container.getAttribute('data-callback'));
    var onError = params['error-callback'] || named(container.getAttribute('data-error-callback'));

    var field = document.createElement('input');
    field.type = 'hidden';
    field.name = 'cf-turnstile-response';
    container.appendChild(field);
    var box = document.createElement('div');
    box.className = 'lab-widget';
    box.textContent = 'Verifying you are human...';
    container.appendChild(box);
    container.setAttribute('data-state', 'running');

    function fail(reason) {
      box.textContent = 'Error: ' + reason;
      container.setAttribute('data-state', 'error');
      if (onError) { onError(reason); }
    }

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
        var answer = await labWork.post(base, '/lab/turnstile/v0/answer',
          { challenge: challenge.challenge, nonce: String(nonce), action: action, cdata: cdata });
        if (answer.error) { fail(answer.error); return; }
        field.value = answer.token;
        box.textContent = 'Success!';
        container.setAttribute('data-state', 'solved');
        window.__labTiming = { challengeMs: performance.now() - started, sincePageStartMs: performance.now() };
        if (onSuccess) { onSuccess(answer.token); }
      })
      .catch(function (e) { fail(e.message); });
  }

  window.turnstile = {
    render: function (target, params) {
      var el = typeof target === 'string' ? document.querySelector(target) : target;
      render(el, params);
      return el.id || 'lab-widget';
    },
    getResponse: function (target) {
      var el = typeof target === 'string' ? document.querySelector(target) : (target || document);
      var field = el.querySelector('input[name="cf-turnstile-response"]');
      return field ? field.value : undefined;
    }
  };

  function renderAll() {
    document.querySelectorAll('.cf-turnstile').forEach(function (c) { render(c); });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', renderAll);
  } else {
    renderAll();
  }
})();
