/* Quartiere theme, forms: optional progressive enhancement, ES2017, no dependencies. Loaded by the pages
   with a form (their "head" block); site.js keeps the call status. */
(() => {
'use strict';
const doc = document;
const $ = (sel, root) => (root || doc).querySelector(sel);
const $$ = (sel, root) => Array.from((root || doc).querySelectorAll(sel));
const el = (tag, cls, text, props) => {
  const e = Object.assign(doc.createElement(tag), props);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};
/* Texts: the page's language's, when its form carries them (data-texts, a translated page), else Italian. */
const texts = (() => { try { return JSON.parse(($('form[data-texts]') || {dataset: {}}).dataset.texts || '{}'); } catch (e) { return {}; } })();
const tx = (key, it) => texts[key] || it;
const errPrefix = tx('error_prefix', 'Errore:');

/* File input (GOV.UK): a button that takes the input's id, with the file's name. */
const none = 'Nessun file scelto';
$$('input[type=file]').forEach((inp) => {
  const id = inp.id, label = $('label[for="' + id + '"]');
  if (!label) return;
  const b = el('button', 'file-upload file-upload--js', null, { type: 'button', id, onclick: () => inp.click() });
  const st = el('span', 'file-upload__status', none, { ariaLive: 'polite' });
  label.id = id + '-label';
  b.setAttribute('aria-labelledby', label.id + ' ' + id + '-comma ' + id);
  b.setAttribute('aria-describedby', inp.getAttribute('aria-describedby'));
  b.append(el('span', 'button button--secondary', 'Scegli file'), ' ', st, el('span', 'visually-hidden', ', ', { id: id + '-comma' }));
  inp.onchange = () => { st.textContent = inp.files.length ? inp.files[0].name : none; };
  Object.assign(inp, { id: id + '-input', className: '', hidden: true }).before(b);
});

/* Character count (GOV.UK): shown at once, spoken when typing pauses. */
const chars = (n) => n + ' ' + (n === 1 ? tx('js_char', 'carattere') : tx('js_chars', 'caratteri'));
const countText = (left) => (left >= 0 ? tx('js_chars_left', 'Hai ancora %s') : tx('js_chars_over', 'Hai %s di troppo'))
  .replace('%s', chars(Math.abs(left)));
$$('[data-maxlength]').forEach((group) => {
  const max = parseInt(group.dataset.maxlength, 10);
  const area = $('textarea', group);
  if (!area || !max) return;
  const shown = el('p', 'char-count', null, { ariaHidden: 'true' });
  const spoken = el('p', 'visually-hidden', null, { ariaLive: 'polite' });
  area.after(shown, spoken);
  let timer;
  const update = (speak) => {
    const left = max - Array.from(area.value).length; // code points
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
  if (doc.title.startsWith(errPrefix + ' ')) doc.title = doc.title.slice(errPrefix.length + 1);
};
const showErrors = (form, errors) => {
  clearErrors(form);
  const list = el('ul', 'error-summary__list');
  errors.forEach((e) => {
    const group = /^[\w-]+$/.test(e.field) && $('[data-field="' + e.field + '"]', form);
    const li = list.appendChild(el('li', null, group ? null : e.message));
    if (!group) return;
    li.append(el('a', null, e.message, { href: '#' + e.field }));
    const msg = el('p', 'error-message', null, { id: e.field + '-error' });
    msg.append(el('span', 'visually-hidden', errPrefix), ' ' + e.message);
    group.classList.add('form-group--error');
    const ctl = $('.radios, .checkboxes, .input, .textarea, .file-upload', group);
    if (ctl) {
      ctl.before(msg);
      kinds.forEach((k) => { if (ctl.classList.contains(k)) ctl.classList.add(k + '--error'); });
    }
    if (target(group)) describe(target(group), msg.id, true);
  });
  const box = el('div', 'error-summary', null, { id: 'error-summary', tabIndex: -1,
    innerHTML: '<div role="alert"><h2 class="error-summary__title"></h2></div>' });
  box.querySelector('h2').textContent = tx('error_summary', 'C\'è un problema');
  box.firstChild.append(list);
  box.dataset.errorSummary = '';
  $('main').prepend(box);
  doc.title = errPrefix + ' ' + doc.title;
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
const kept = tx('js_kept', ': quello che hai scritto è ancora qui.');
const statusText = {
  0: tx('js_error_0', 'Non siamo riusciti a inviare il modulo. Controlla la connessione a internet e riprova') + kept,
  400: tx('js_error_400', 'Non siamo riusciti a leggere il modulo. Ricarica la pagina e riprova.'),
  403: tx('js_error_403', 'In questo momento non è possibile inviare il modulo.'),
  413: tx('js_error_413', 'Il file selezionato deve essere più piccolo di 4 MB.'),
  429: tx('js_error_429', 'Hai inviato troppi moduli in poco tempo. Aspetta qualche minuto e riprova.'),
  503: tx('js_error_503', 'Il servizio non è disponibile in questo momento. Riprova tra qualche minuto') + kept
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
      .catch(() => {});
  }
  const button = $('[data-submit]', form);
  const status = $('[data-form-status]', form);
  const upload = form.enctype === 'multipart/form-data' && $('input[type=file]', form);
  let busy = false;

  // a CV the server kept is not sent again
  const keep = (ref, name) => {
    form.elements.cv_ref.value = ref;
    upload.value = '';
    upload.dispatchEvent(new Event('change'));
    let p = $('.uploaded', form);
    if (!p) {
      const ctl = doc.getElementById(upload.name);
      p = el('p', 'uploaded', null, { id: upload.name + '-uploaded' });
      ctl.before(p);
      describe(ctl, p.id, true);
    }
    p.textContent = 'Hai caricato: ';
    p.append(el('strong', null, name || 'il CV'), '. Non devi caricarlo di nuovo. Se scegli un altro file, sostituisce questo.');
  };
  const progress = (pct) => {
    let bar = $('progress', status);
    if (!bar) {
      bar = el('progress', null, null, { max: 100, ariaHidden: 'true' });
      status.textContent = '';
      status.append(bar, el('p', 'form-status__text'));
    }
    bar.value = pct;
    // spoken every 20%
    if (pct % 20 === 0) $('.form-status__text', status).textContent = tx('js_progress', 'Invio in corso:') + ' ' + pct + '%';
  };

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy) return; // no double submit
    busy = true;
    if (button) button.setAttribute('aria-disabled', 'true');
    if (status) status.textContent = tx('js_sending', 'Invio in corso…');
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
      try { body = JSON.parse(xhr.responseText); } catch (e) { }
      if (xhr.status >= 200 && xhr.status < 300 && body && body.receipt) {
        if (status) status.textContent = tx('js_sent', 'Inviato. Ora vedi la ricevuta.');
        const call = form.elements.call;
        location.assign(action + '/ricevuta?numero=' + encodeURIComponent(body.receipt) +
          '&firma=' + encodeURIComponent(body.firma || '') +
          (call ? '&bando=' + encodeURIComponent(call.value) : '') +
          (form.elements.lang ? '&lingua=' + encodeURIComponent(form.elements.lang.value) : ''));
        return;
      }
      fail(xhr.status, body);
    };
    xhr.onerror = xhr.ontimeout = () => fail(0, null);
    xhr.send(new FormData(form));
  });
});

})();
