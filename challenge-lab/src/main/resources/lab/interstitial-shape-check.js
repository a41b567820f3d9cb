/*
 * The lab's interstitial check for the page shapes (InterstitialShape): the proof of work, then the shape's way of
 * getting the clearance to the browser and the browser back to the page. Settings come from the page (labChallenge,
 * labShape); labWork is served with the page.
 */
(async function () {
  'use strict';
  var challenge = window.labChallenge;
  var shape = window.labShape;
  if (challenge.delayMs) { await labWork.pause(challenge.delayMs); }
  var nonce = String(await labWork.prove(challenge));
  if (shape.clearance === 'form_post') {
    var form = document.getElementById(shape.form);
    form.elements.nonce.value = nonce;
    form.submit();
    return;
  }
  if (shape.clearance === 'via_hop') {
    location.href = shape.hop + '?tk=' + challenge.challenge + '&nonce=' + nonce
      + '&back=' + encodeURIComponent(location.pathname + location.search);
    return;
  }
  var answer = await labWork.post('', shape.answer, { challenge: challenge.challenge, nonce: nonce });
  if (answer.cookie) {
    document.cookie = answer.cookie;
    location.replace(location.href);
    return;
  }
  location.reload();
})();
