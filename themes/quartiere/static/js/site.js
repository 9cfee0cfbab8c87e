/* Quartiere theme script: optional, progressive enhancement only. Every page and form works without it.
   It closes the call on screen when the deadline passes, counts characters, fetches the anti-spam time token,
   sends forms without reloading (with upload progress) and shows errors with the same markup as the server. */
(function () {
  'use strict';
  var doc = document;
  var $ = function (sel, root) { return (root || doc).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); };

  /* Clock: a page built "as at" another instant (-now) carries data-now, and keeps time from there. */
  var nowEl = $('[data-now]');
  var offset = nowEl ? Date.parse(nowEl.getAttribute('data-now')) - Date.now() : 0;
  if (isNaN(offset)) offset = 0;
  function now() { return Date.now() + offset; }

  /* Call status: switch to closed once data-closes (the first late instant) passes. */
  function checkCalls() {
    var open = false;
    $$('[data-call-status="open"][data-closes]').forEach(function (el) {
      var closes = Date.parse(el.getAttribute('data-closes'));
      if (isNaN(closes)) return;
      if (now() < closes) { open = true; return; }
      el.setAttribute('data-call-status', 'closed');
      el.className = 'call-status call-status--closed';
      var t = $('[data-call-status-text]', el);
      if (t) t.textContent = el.getAttribute('data-closed-text');
      $$('[data-call-open], [data-call-form]').forEach(function (x) { x.hidden = true; });
      $$('[data-call-closed]').forEach(function (x) { x.hidden = false; });
    });
    if (open) setTimeout(checkCalls, 30000);
  }
  checkCalls();

  /* Character count, GOV.UK style: visible at once, announced to screen readers when typing pauses. */
  function plural(n, one, many) { return n === 1 ? one : many; }
  function countText(left) {
    if (left >= 0) return 'Hai ancora ' + left + ' ' + plural(left, 'carattere', 'caratteri');
    left = -left;
    return 'Hai ' + left + ' ' + plural(left, 'carattere', 'caratteri') + ' di troppo';
  }
  $$('[data-maxlength]').forEach(function (group) {
    var max = parseInt(group.getAttribute('data-maxlength'), 10);
    var area = $('textarea', group);
    if (!area || !max) return;
    var shown = doc.createElement('p');
    shown.className = 'char-count';
    shown.setAttribute('aria-hidden', 'true');
    var spoken = doc.createElement('p');
    spoken.className = 'visually-hidden';
    spoken.setAttribute('aria-live', 'polite');
    area.insertAdjacentElement('afterend', shown);
    shown.insertAdjacentElement('afterend', spoken);
    var timer;
    function update(speak) {
      var left = max - Array.from(area.value.replace(/\r?\n/g, '\r\n')).length;
      shown.textContent = countText(left);
      shown.classList.toggle('char-count--over', left < 0);
      area.classList.toggle('textarea--error', left < 0 || group.classList.contains('form-group--error'));
      clearTimeout(timer);
      if (speak) timer = setTimeout(function () { spoken.textContent = countText(left); }, 1000);
    }
    area.addEventListener('input', function () { update(true); });
    update(false);
  });

  /* Error summary and inline errors: the same markup as the server's error-summary and field partials. */
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function setDescribed(ctl, id, add) {
    var ids = (ctl.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (x) { return x && x !== id; });
    if (add) ids.push(id);
    if (ids.length) ctl.setAttribute('aria-describedby', ids.join(' '));
    else ctl.removeAttribute('aria-describedby');
  }
  function clearErrors(form) {
    var old = $('[data-error-summary]');
    if (old) old.parentNode.removeChild(old);
    $$('.form-group--error', form).forEach(function (g) {
      g.classList.remove('form-group--error');
      var name = g.getAttribute('data-field');
      $$('.error-message', g).forEach(function (p) { p.parentNode.removeChild(p); });
      $$('.input--error, .textarea--error, .file-upload--error', g).forEach(function (c) {
        c.classList.remove('input--error', 'textarea--error', 'file-upload--error');
      });
      var target = $('fieldset', g) || doc.getElementById(name);
      if (target) setDescribed(target, name + '-error', false);
    });
    doc.title = doc.title.replace(/^Errore: /, '');
  }
  function showErrors(form, errors) {
    clearErrors(form);
    var list = el('ul', 'error-summary__list');
    errors.forEach(function (e) {
      var li = el('li');
      var group = e.field ? $('[data-field="' + e.field.replace(/[^\w-]/g, '') + '"]', form) : null;
      if (group) {
        var a = el('a', null, e.message);
        a.href = '#' + e.field;
        li.appendChild(a);
        var name = group.getAttribute('data-field');
        var msg = el('p', 'error-message');
        msg.id = name + '-error';
        msg.appendChild(el('span', 'visually-hidden', 'Errore:'));
        msg.appendChild(doc.createTextNode(' ' + e.message));
        var ctl = $('.radios, .checkboxes, .input, .textarea, .file-upload', group);
        group.classList.add('form-group--error');
        if (ctl) {
          ctl.parentNode.insertBefore(msg, ctl);
          var kind = ctl.classList.contains('input') ? 'input' : ctl.classList.contains('textarea') ? 'textarea' :
            ctl.classList.contains('file-upload') ? 'file-upload' : '';
          if (kind) ctl.classList.add(kind + '--error');
        }
        var target = $('fieldset', group) || doc.getElementById(name);
        if (target) setDescribed(target, msg.id, true);
      } else {
        li.textContent = e.message;
      }
      list.appendChild(li);
    });
    var box = el('div', 'error-summary');
    box.id = 'error-summary';
    box.tabIndex = -1;
    box.setAttribute('data-error-summary', '');
    var alert = el('div');
    alert.setAttribute('role', 'alert');
    alert.appendChild(el('h2', 'error-summary__title', "C'è un problema"));
    alert.appendChild(list);
    box.appendChild(alert);
    var main = $('main');
    main.insertBefore(box, main.firstChild);
    doc.title = 'Errore: ' + doc.title;
    box.focus();
  }
  /* A link of the summary moves focus to its field and shows the field's label or legend too. */
  doc.addEventListener('click', function (ev) {
    var a = ev.target.closest && ev.target.closest('.error-summary a[href^="#"]');
    var input = a && doc.getElementById(a.getAttribute('href').slice(1));
    if (!input) return;
    ev.preventDefault();
    var group = input.closest('.form-group');
    var legend = group && ($('legend', group) || $('label', group));
    (legend || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
  var summary = $('[data-error-summary]');
  if (summary && doc.activeElement !== summary) summary.focus();

  /* Messages for answers that carry no field errors (DESIGN.md status codes). */
  var statusText = {
    0: 'Non siamo riusciti a inviare il modulo. Controlla la connessione a internet e riprova: quello che hai scritto è ancora qui.',
    403: 'In questo momento non è possibile inviare il modulo.',
    413: 'Il file selezionato deve essere più piccolo di 4 MB.',
    429: 'Hai inviato troppi moduli in poco tempo. Aspetta qualche minuto e riprova.',
    503: 'Il servizio non è disponibile in questo momento. Riprova tra qualche minuto: quello che hai scritto è ancora qui.'
  };

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(b);
    else for (var i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
    return Array.from(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
  }

  $$('form[data-form]').forEach(function (form) {
    var action = form.getAttribute('action');
    var idem = form.elements._idem;
    var token = form.elements._token;
    if (idem && !idem.value) idem.value = uuid();
    if (token && !token.value && window.fetch) {
      fetch(action + '/token', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (j) { if (j && j.token && !token.value) token.value = j.token; })
        .catch(function () { /* the token is a soft signal: the form still works without it */ });
    }
    var button = $('[data-submit]', form);
    var status = $('[data-form-status]', form);
    var upload = form.getAttribute('enctype') === 'multipart/form-data' && $('input[type=file]', form);
    var busy = false;

    function done() {
      busy = false;
      if (button) button.removeAttribute('aria-disabled');
      if (status) status.textContent = '';
    }
    function progress(pct) {
      if (!status) return;
      var bar = $('progress', status);
      if (!bar) {
        status.textContent = '';
        bar = el('progress');
        bar.max = 100;
        bar.setAttribute('aria-hidden', 'true');
        status.appendChild(bar);
        status.appendChild(el('p', 'form-status__text'));
      }
      bar.value = pct;
      var text = 'Invio in corso: ' + pct + '%';
      var p = $('.form-status__text', status);
      if (p.textContent !== text && (pct % 20 === 0 || pct === 100)) p.textContent = text;
    }

    form.addEventListener('submit', function (ev) {
      if (!window.FormData || !window.XMLHttpRequest) return; /* let the browser post the form */
      ev.preventDefault();
      if (busy) return;
      busy = true;
      if (button) button.setAttribute('aria-disabled', 'true');
      if (status) status.textContent = 'Invio in corso…';
      var xhr = new XMLHttpRequest();
      xhr.open('POST', action);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.timeout = 120000;
      if (upload && xhr.upload) {
        progress(0);
        xhr.upload.addEventListener('progress', function (e) {
          if (e.lengthComputable) progress(Math.floor(e.loaded * 20 / e.total) * 5);
        });
      }
      function fail(code, body) {
        done();
        var errs = body && Array.isArray(body.errors) && body.errors.length ? body.errors :
          [{ field: '', message: (body && (body.message || body.error)) || statusText[code] || statusText[503] }];
        showErrors(form, errs);
      }
      xhr.onload = function () {
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
        if (xhr.status >= 200 && xhr.status < 300 && body && body.receipt) {
          if (status) status.textContent = 'Inviato. Ti portiamo alla ricevuta…';
          window.location.assign(action + '/ricevuta?numero=' + encodeURIComponent(body.receipt));
          return;
        }
        fail(xhr.status, body);
      };
      xhr.onerror = xhr.ontimeout = function () { fail(0, null); };
      xhr.send(new FormData(form));
    });
  });

  /* Confirmation page: a print button where printing is possible. */
  var slot = $('[data-print-slot]');
  if (slot && window.print) {
    var pb = el('button', 'button button--secondary', 'Stampa questa pagina');
    pb.type = 'button';
    pb.addEventListener('click', function () { window.print(); });
    slot.appendChild(pb);
  }
})();
