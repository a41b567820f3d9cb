/* The lab's proof of work and HTTP chores, shared by its widget scripts (served ahead of each one). */
var labWork = (function () {
  'use strict';

  function fnv1a(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function pause(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  return {
    pause: pause,
    post: function (base, path, data) {
      return fetch(base + path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(data)
      }).then(function (r) {
        if (!r.ok) { throw new Error('lab answered ' + r.status); }
        return r.json();
      });
    },
    /** The nonce whose FNV-1a hash with the challenge starts with `bits` zero bits; yields now and then. */
    prove: async function (challenge) {
      var nonce = 0;
      while ((fnv1a(challenge.challenge + ':' + nonce) >>> (32 - challenge.bits)) !== 0) {
        nonce++;
        if (nonce % 20000 === 0) { await pause(0); }
      }
      return nonce;
    }
  };
})();
