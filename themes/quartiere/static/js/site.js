/* Quartiere theme script (ES2017, no dependencies): progressive enhancement only; all works without it. */
(() => {
  'use strict';
  const doc = document;
  const $ = (sel, root) => (root || doc).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || doc).querySelectorAll(sel));
  const el = (tag, cls, text) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };

  /* A page built "as at" another instant (-now) carries data-now and keeps time from there. */
  const nowEl = $('[data-now]');
  let offset = nowEl ? Date.parse(nowEl.dataset.now) - Date.now() : 0;
  if (isNaN(offset)) offset = 0;
  const now = () => Date.now() + offset;

  /* Call status: closed once data-closes (the first late instant) passes. */
  const checkCalls = () => {
    let open = false;
    $$('[data-call-status="open"][data-closes]').forEach((s) => {
      const closes = Date.parse(s.dataset.closes);
      if (isNaN(closes)) return;
      if (now() < closes) { open = true; return; }
      s.dataset.callStatus = 'closed';
      s.className = 'call-status call-status--closed';
      const t = $('[data-call-status-text]', s);
      if (t) t.textContent = s.dataset.closedText;
      $$('[data-call-open], [data-call-form]').forEach((x) => { x.hidden = true; });
      $$('[data-call-closed]').forEach((x) => { x.hidden = false; });
    });
    if (open) setTimeout(checkCalls, 30000);
  };
  checkCalls();

  /* Character count (GOV.UK): shown at once, spoken when typing pauses. */
  const chars = (n) => n + (n === 1 ? ' carattere' : ' caratteri');
  const countText = (left) => (left >= 0 ? 'Hai ancora ' + chars(left) : 'Hai ' + chars(-left) + ' di troppo');
  $$('[data-maxlength]').forEach((group) => {
    const max = parseInt(group.dataset.maxlength, 10);
    const area = $('textarea', group);
    if (!area || !max) return;
    const shown = el('p', 'char-count');
    shown.setAttribute('aria-hidden', 'true');
    const spoken = el('p', 'visually-hidden');
    spoken.setAttribute('aria-live', 'polite');
    area.after(shown, spoken);
    let timer;
    const update = (speak) => {
      // a new line is sent as CR LF
      const left = max - Array.from(area.value.replace(/\r?\n/g, '\r\n')).length;
      shown.textContent = countText(left);
      shown.classList.toggle('char-count--over', left < 0);
      clearTimeout(timer);
      if (speak) timer = setTimeout(() => { spoken.textContent = countText(left); }, 1000);
    };
    area.addEventListener('input', () => update(true));
    update(false);
  });

  /* Errors: the same markup as the server's partials. */
  const describe = (ctl, id, add) => {
    const ids = (ctl.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && x !== id);
    if (add) ids.push(id);
    if (ids.length) ctl.setAttribute('aria-describedby', ids.join(' '));
    else ctl.removeAttribute('aria-describedby');
  };
  const target = (group) => $('fieldset', group) || doc.getElementById(group.dataset.field);
  const kinds = ['input', 'textarea', 'file-upload'];
  const clearErrors = (form) => {
    const old = $('[data-error-summary]');
    if (old) old.remove();
    $$('.form-group--error', form).forEach((g) => {
      g.classList.remove('form-group--error');
      $$('.error-message', g).forEach((p) => p.remove());
      kinds.forEach((k) => $$('.' + k, g).forEach((c) => c.classList.remove(k + '--error')));
      const t = target(g);
      if (t) describe(t, g.dataset.field + '-error', false);
    });
    doc.title = doc.title.replace(/^Errore: /, '');
  };
  const showErrors = (form, errors) => {
    clearErrors(form);
    const list = el('ul', 'error-summary__list');
    errors.forEach((e) => {
      const li = el('li');
      const group = e.field && /^[\w-]+$/.test(e.field) ? $('[data-field="' + e.field + '"]', form) : null;
      if (!group) {
        li.textContent = e.message;
        list.append(li);
        return;
      }
      const a = el('a', null, e.message);
      a.href = '#' + e.field;
      li.append(a);
      list.append(li);
      const msg = el('p', 'error-message');
      msg.id = e.field + '-error';
      msg.append(el('span', 'visually-hidden', 'Errore:'), ' ' + e.message);
      group.classList.add('form-group--error');
      const ctl = $('.radios, .checkboxes, .input, .textarea, .file-upload', group);
      if (ctl) {
        ctl.before(msg);
        kinds.forEach((k) => { if (ctl.classList.contains(k)) ctl.classList.add(k + '--error'); });
      }
      const t = target(group);
      if (t) describe(t, msg.id, true);
    });
    const box = el('div', 'error-summary');
    box.id = 'error-summary';
    box.tabIndex = -1;
    box.dataset.errorSummary = '';
    const alert = el('div');
    alert.setAttribute('role', 'alert');
    alert.append(el('h2', 'error-summary__title', "C'è un problema"), list);
    box.append(alert);
    $('main').prepend(box);
    doc.title = 'Errore: ' + doc.title;
    box.focus();
  };

  /* A summary link focuses its field and shows its label or legend. */
  doc.addEventListener('click', (ev) => {
    const a = ev.target.closest && ev.target.closest('.error-summary a[href^="#"]');
    const input = a && doc.getElementById(a.getAttribute('href').slice(1));
    if (!input) return;
    ev.preventDefault();
    const group = input.closest('.form-group');
    ((group && ($('legend', group) || $('label', group))) || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
  const summary = $('[data-error-summary]');
  if (summary && doc.activeElement !== summary) summary.focus();

  /* Answers without field errors (DESIGN.md status codes); 0 is a network failure. */
  const kept = ': quello che hai scritto è ancora qui.';
  const statusText = {
    0: 'Non siamo riusciti a inviare il modulo. Controlla la connessione a internet e riprova' + kept,
    403: 'In questo momento non è possibile inviare il modulo.',
    413: 'Il file selezionato deve essere più piccolo di 4 MB.',
    429: 'Hai inviato troppi moduli in poco tempo. Aspetta qualche minuto e riprova.',
    503: 'Il servizio non è disponibile in questo momento. Riprova tra qualche minuto' + kept
  };

  const uuid = () => {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = new Uint8Array(16);
    if (window.crypto) crypto.getRandomValues(b);
    else b.forEach((_, i) => { b[i] = Math.random() * 256; });
    return Array.from(b, (x) => (x + 256).toString(16).slice(1)).join('');
  };

  $$('form[data-form]').forEach((form) => {
    const action = form.getAttribute('action');
    const { _idem: idem, _token: token } = form.elements;
    if (idem && !idem.value) idem.value = uuid();
    if (token && !token.value && window.fetch) {
      fetch(action + '/token', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then((r) => (r.ok ? r.json() : null))
        .then((j) => { if (j && j.token && !token.value) token.value = j.token; })
        .catch(() => {}); // the token is a soft signal: the form works without it
    }
    const button = $('[data-submit]', form);
    const status = $('[data-form-status]', form);
    const upload = form.enctype === 'multipart/form-data' && $('input[type=file]', form);
    let busy = false;

    const progress = (pct) => {
      let bar = $('progress', status);
      if (!bar) {
        bar = el('progress');
        bar.max = 100;
        bar.setAttribute('aria-hidden', 'true');
        status.textContent = '';
        status.append(bar, el('p', 'form-status__text'));
      }
      bar.value = pct;
      // spoken every 20%
      if (pct % 20 === 0) $('.form-status__text', status).textContent = 'Invio in corso: ' + pct + '%';
    };

    form.addEventListener('submit', (ev) => {
      if (!window.FormData) return; // let the browser post the form
      ev.preventDefault();
      if (busy) return; // no double submit (the server dedupes too)
      busy = true;
      if (button) button.setAttribute('aria-disabled', 'true');
      if (status) status.textContent = 'Invio in corso…';
      const xhr = new XMLHttpRequest();
      xhr.open('POST', action);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.timeout = 120000;
      if (upload && status && xhr.upload) {
        progress(0);
        xhr.upload.addEventListener('progress', (e) => {
          if (e.lengthComputable) progress(Math.floor((e.loaded * 20) / e.total) * 5);
        });
      }
      const fail = (code, body) => {
        busy = false;
        if (button) button.removeAttribute('aria-disabled');
        if (status) status.textContent = '';
        const errs = body && Array.isArray(body.errors) && body.errors.length ? body.errors
          : [{ field: '', message: (body && (body.message || body.error)) || statusText[code] || statusText[503] }];
        showErrors(form, errs);
      };
      xhr.onload = () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON: use the status */ }
        if (xhr.status >= 200 && xhr.status < 300 && body && body.receipt) {
          if (status) status.textContent = 'Inviato. Ora vedi la ricevuta.';
          window.location.assign(action + '/ricevuta?numero=' + encodeURIComponent(body.receipt));
          return;
        }
        fail(xhr.status, body);
      };
      xhr.onerror = xhr.ontimeout = () => fail(0, null);
      xhr.send(new FormData(form));
    });
  });

  /* Confirmation page: a print button where printing is possible. */
  const slot = $('[data-print-slot]');
  if (slot && window.print) {
    const pb = el('button', 'button button--secondary', 'Stampa questa pagina');
    pb.type = 'button';
    pb.addEventListener('click', () => window.print());
    slot.append(pb);
  }
})();
