/* Quartiere theme: optional progressive enhancement on every page, ES2017, no dependencies; js/form.js does
   the forms. */
(() => {
'use strict';
const doc = document;
const $ = (sel, root) => (root || doc).querySelector(sel);
const $$ = (sel, root) => Array.from((root || doc).querySelectorAll(sel));

/* A page built with -now carries data-now and keeps time from there. */
const nowEl = $('[data-now]');
let offset = nowEl ? Date.parse(nowEl.dataset.now) - Date.now() : 0;
if (isNaN(offset)) offset = 0;
const now = () => Date.now() + offset;

/* Call blocks (data-call-when): each shown in its phases, which begin at data-opens, data-closing-from and
   data-closes; true while a later phase is to come. */
const blocks = () => {
  let later = false;
  $$('[data-call-when]').forEach((b) => {
    const t = now(), at = (k) => Date.parse(b.dataset[k]);
    const ph = t >= at('closes') ? ['closed'] : t < at('opens') ? ['upcoming']
      : t >= at('closingFrom') ? ['open', 'closing'] : ['open'];
    b.hidden = !b.dataset.callWhen.split(' ').some((p) => ph.includes(p));
    if (ph[0] !== 'closed') later = true;
  });
  return later;
};

/* Call status: a warning 15 minutes before data-closes; after it, closed, and the notice takes the focus. */
const checkCalls = () => {
  let open = blocks();
  $$('[data-call-status="open"][data-closes]').forEach((s) => {
    const left = Date.parse(s.dataset.closes) - now();
    if (isNaN(left)) return;
    const warn = $('[data-call-warning]');
    if (left > 0) {
      open = true;
      if (warn && left <= 900000) warn.hidden = false;
      return;
    }
    s.dataset.callStatus = 'closed';
    s.className = 'call-status call-status--closed';
    const t = $('[data-call-status-text]', s);
    if (t) t.textContent = s.dataset.closedText;
    $$('[data-call-open]').forEach((x) => { x.hidden = true; });
    if (warn) warn.hidden = true;
    $$('[data-call-closed]').forEach((x) => { x.hidden = false; x.focus(); });
  });
  if (open) setTimeout(checkCalls, 10000);
};
checkCalls();

/* A table region is a tab stop only while it scrolls. */
const fit = () => $$('.table-wrap').forEach((w) => {
  if (w.scrollWidth > w.clientWidth) w.tabIndex = 0;
  else w.removeAttribute('tabindex');
});
fit();
addEventListener('resize', fit);
/* Confirmation page: a print button. */
const slot = $('[data-print-slot]');
if (slot) {
  slot.append(Object.assign(doc.createElement('button'), { className: 'button button--secondary', type: 'button',
    textContent: 'Stampa questa pagina', onclick: () => print() }));
}
})();
