/*
 * The lab's Geetest-v4-like widget: the same client contract as gt4.js (initGeetest4(config, callback), a captcha
 * object with appendTo / onReady / onSuccess / onFail / onError / getValidate / reset, and getValidate() giving
 * captcha_id, lot_number, pass_token, gen_time, captcha_output), backed by the lab's proof of work. On success the
 * values are also written into hidden inputs of the widget, as a form integration submits them.
 */
(function () {
  'use strict';
  var base = new URL(document.currentScript.src).origin;

  window.initGeetest4 = function (config, callback) {
    var handlers = { ready: [], success: [], fail: [], error: [] };
    var result = null;
    var box = null;
    var started = false;

    function emit(kind, arg) { handlers[kind].forEach(function (fn) { fn(arg); }); }

    function state(value, text) {
      box.setAttribute('data-state', value);
      box.querySelector('.geetest_btn').textContent = text;
    }

    function run() {
      if (started || !box) { return; }
      started = true;
      var began = performance.now();
      labWork.post(base, '/lab/geetest/v4/load', { captcha_id: config.captchaId, hostname: location.hostname })
        .then(async function (lot) {
          emit('ready');
          if (lot.mode === 'interactive') {
            var puzzle = document.createElement('div');
            puzzle.className = 'geetest_box';
            puzzle.innerHTML = '<div class="geetest_puzzle">Drag the piece into place</div>'
              + '<div class="geetest_slider"><div class="geetest_slider_button"></div></div>';
            box.appendChild(puzzle);
            state('interactive', 'Complete the puzzle');
            return;
          }
          if (lot.mode === 'never') { return; }
          if (lot.delayMs) { await labWork.pause(lot.delayMs); }
          var nonce = await labWork.prove(lot);
          var answer = await labWork.post(base, '/lab/geetest/v4/verify', { lot_number: lot.challenge, nonce: String(nonce) });
          if (answer.error) {
            state('error', 'Verification failed');
            emit('fail', { code: answer.error });
            return;
          }
          result = { captcha_id: config.captchaId, lot_number: answer.lot_number, pass_token: answer.pass_token,
            gen_time: answer.gen_time, captcha_output: answer.captcha_output };
          Object.keys(result).forEach(function (name) {
            var field = document.createElement('input');
            field.type = 'hidden';
            field.name = name;
            field.value = result[name];
            box.appendChild(field);
          });
          state('solved', 'Verification success');
          window.__labTiming = { challengeMs: performance.now() - began };
          emit('success');
        })
        .catch(function (e) {
          state('error', 'Network error');
          emit('error', { code: 'network', msg: e.message });
        });
    }

    var captcha = {
      appendTo: function (target) {
        var parent = typeof target === 'string' ? document.querySelector(target) : target;
        box = document.createElement('div');
        box.className = 'geetest_captcha';
        box.setAttribute('data-captcha-id', config.captchaId);
        box.innerHTML = '<div class="geetest_btn">Verifying...</div>';
        parent.appendChild(box);
        box.setAttribute('data-state', 'running');
        run();
        return captcha;
      },
      showCaptcha: function () { run(); return captcha; },
      onReady: function (fn) { handlers.ready.push(fn); return captcha; },
      onSuccess: function (fn) { handlers.success.push(fn); return captcha; },
      onFail: function (fn) { handlers.fail.push(fn); return captcha; },
      onError: function (fn) { handlers.error.push(fn); return captcha; },
      getValidate: function () { return result; },
      reset: function () { result = null; started = false; run(); return captcha; },
      destroy: function () { if (box) { box.remove(); } }
    };
    callback(captcha);
  };
})();
