/* Quartiere theme: optional progressive enhancement, ES2017, no dependencies. */
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

  /* A page built with -now carries data-now and keeps time from there. */
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
      const left = max - Array.from(area.value).length; // code points, as the server counts
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
      if (target(g)) describe(target(g), g.dataset.field + '-error', false);
    });
    doc.title = doc.title.replace(/^Errore: /, '');
  };
  const showErrors = (form, errors) => {
    clearErrors(form);
    const list = el('ul', 'error-summary__list');
    errors.forEach((e) => {
      const group = /^[\w-]+$/.test(e.field) && $('[data-field="' + e.field + '"]', form);
      const li = list.appendChild(el('li', null, group ? null : e.message));
      if (!group) return;
      const a = li.appendChild(el('a', null, e.message));
      a.href = '#' + e.field;
      const msg = el('p', 'error-message');
      msg.id = e.field + '-error';
      msg.append(el('span', 'visually-hidden', 'Errore:'), ' ' + e.message);
      group.classList.add('form-group--error');
      const ctl = $('.radios, .checkboxes, .input, .textarea, .file-upload', group);
      if (ctl) {
        ctl.before(msg);
        kinds.forEach((k) => { if (ctl.classList.contains(k)) ctl.classList.add(k + '--error'); });
      }
      if (target(group)) describe(target(group), msg.id, true);
    });
    const box = el('div', 'error-summary');
    box.innerHTML = '<div role="alert"><h2 class="error-summary__title">C\'è un problema</h2></div>';
    box.firstChild.append(list);
    box.id = 'error-summary';
    box.tabIndex = -1;
    box.dataset.errorSummary = '';
    $('main').prepend(box);
    doc.title = 'Errore: ' + doc.title;
    box.focus();
  };

  /* A summary link focuses its field and shows its label or legend. */
  doc.addEventListener('click', (ev) => {
    const a = ev.target.closest('.error-summary a[href^="#"]');
    const input = a && doc.getElementById(a.getAttribute('href').slice(1));
    if (!input) return;
    ev.preventDefault();
    const group = input.closest('.form-group');
    ((group && ($('legend', group) || $('label', group))) || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
  const summary = $('[data-error-summary]');
  if (summary) summary.focus();

  /* Answers without field errors; 0 is a network failure. */
  const kept = ': quello che hai scritto è ancora qui.';
  const statusText = {
    0: 'Non siamo riusciti a inviare il modulo. Controlla la connessione a internet e riprova' + kept,
    400: 'Non siamo riusciti a leggere il modulo. Ricarica la pagina e riprova.',
    403: 'In questo momento non è possibile inviare il modulo.',
    413: 'Il file selezionato deve essere più piccolo di 4 MB.',
    429: 'Hai inviato troppi moduli in poco tempo. Aspetta qualche minuto e riprova.',
    503: 'Il servizio non è disponibile in questo momento. Riprova tra qualche minuto' + kept
  };

  const uuid = () => (crypto.randomUUID ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (x) => (x + 256).toString(16).slice(1)).join(''));

  $$('form[data-form]').forEach((form) => {
    const action = form.getAttribute('action');
    const { _idem: idem, _token: token } = form.elements;
    if (idem && !idem.value) idem.value = uuid();
    if (token && !token.value) {
      fetch(action + '/token', { headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : null))
        .then((j) => { if (j && j.token && !token.value) token.value = j.token; })
        .catch(() => {}); // the token is only a soft signal
    }
    const button = $('[data-submit]', form);
    const status = $('[data-form-status]', form);
    const upload = form.enctype === 'multipart/form-data' && $('input[type=file]', form);
    let busy = false;

    // a CV kept by the server after other errors is not sent again
    const keep = (ref, name) => {
      form.elements.cv_ref.value = ref;
      upload.value = '';
      let p = $('.uploaded', form);
      if (!p) {
        p = el('p', 'uploaded');
        p.id = upload.id + '-uploaded';
        upload.before(p);
        describe(upload, p.id, true);
      }
      p.textContent = 'Hai caricato: ' + (name || 'il CV') + '. Non devi caricarlo di nuovo.';
    };
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
      ev.preventDefault();
      if (busy) return; // no double submit
      busy = true;
      if (button) button.setAttribute('aria-disabled', 'true');
      if (status) status.textContent = 'Invio in corso…';
      const xhr = new XMLHttpRequest();
      xhr.open('POST', action);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.timeout = 120000;
      if (upload && status) {
        progress(0);
        xhr.upload.addEventListener('progress', (e) => {
          if (e.lengthComputable) progress(Math.floor((e.loaded * 20) / e.total) * 5);
        });
      }
      const fail = (code, body) => {
        busy = false;
        if (button) button.removeAttribute('aria-disabled');
        if (status) status.textContent = '';
        if (body && body.cv_ref && form.elements.cv_ref) keep(body.cv_ref, body.uploaded);
        const errs = body && Array.isArray(body.errors) && body.errors.length ? body.errors
          : [{ field: '', message: (body && (body.message || body.error)) || statusText[code] || statusText[503] }];
        showErrors(form, errs);
      };
      xhr.onload = () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { /* use the status */ }
        if (xhr.status >= 200 && xhr.status < 300 && body && body.receipt) {
          if (status) status.textContent = 'Inviato. Ora vedi la ricevuta.';
          const call = form.elements.call;
          location.assign(action + '/ricevuta?numero=' + encodeURIComponent(body.receipt) +
            '&firma=' + encodeURIComponent(body.firma || '') +
            (call ? '&bando=' + encodeURIComponent(call.value) : ''));
          return;
        }
        fail(xhr.status, body);
      };
      xhr.onerror = xhr.ontimeout = () => fail(0, null);
      xhr.send(new FormData(form));
    });
  });

  /* Confirmation page: a print button. */
  const slot = $('[data-print-slot]');
  if (slot) {
    const pb = el('button', 'button button--secondary', 'Stampa questa pagina');
    pb.type = 'button';
    pb.addEventListener('click', () => print());
    slot.append(pb);
  }
})();
