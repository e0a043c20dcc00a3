/**
 * The embeddable widget's loader, served by GET /widget.js as `(k2AssistantWidget)(config)`.
 * No dependencies, no build step. What a host page gets:
 * - a launcher button in a Shadow DOM (host CSS can't reach it, ours can't leak out), styled with a
 *   constructed stylesheet and CSSOM only, so a host CSP without 'unsafe-inline' styles and Trusted
 *   Types don't block it (no <style>, no style attributes, no innerHTML);
 * - a panel holding an iframe of /embed (created on first open), full-screen on phones and sized to
 *   the visual viewport so the keyboard never covers the input;
 * - window.K2Assistant.open() / close() / toggle() / ask(text) / on(type, fn), and `k2-assistant:*`
 *   events on window: ready, open, close, question, answer;
 * - postMessage with the frame, checking origin and source both ways.
 * data- attributes on the script tag: data-title, data-accent (#rgb or #rrggbb), data-position
 * (bottom-right | bottom-left), data-open ("true" opens on load), data-starters ("Q1|Q2|Q3").
 * @param {{ allowedOrigins: string[], origin: string }} config
 */
function k2AssistantWidget(config) {
  'use strict';
  var w = /** @type {any} */ (window);
  if (w.K2Assistant) return;
  var NAME = '[K2 Assistant]';
  var script = /** @type {HTMLScriptElement | null} */ (document.currentScript || document.querySelector('script[src*="/widget.js"]'));
  var appOrigin = new URL((script && script.src) || config.origin, location.href).origin;
  var here = location.origin;
  if (config.allowedOrigins.length && here !== appOrigin && config.allowedOrigins.indexOf(here) < 0) {
    console.error(NAME + ' Not started: ' + here + ' is not allowed to embed this assistant. Ask ' + appOrigin + ' to add it to EMBED_ALLOWED_ORIGINS.');
    return;
  }

  var data = (script && script.dataset) || {};
  var title = (data.title || 'K2 Health Assistant').trim().slice(0, 60);
  var accent = /^#([0-9a-f]{3}){1,2}$/i.test(data.accent || '') ? /** @type {string} */ (data.accent) : '#0f6e5a';
  var left = data.position === 'bottom-left';
  var starters = (data.starters || '').split('|').map(function (s) { return s.trim().slice(0, 200); }).filter(Boolean).slice(0, 4);

  /** Dark text on light accents, white on dark ones (WCAG relative luminance). */
  function onAccent(hex) {
    var h = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, '$&$&') : hex;
    var lum = [1, 3, 5].map(function (i) {
      var c = parseInt(h.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2] > 0.4 ? '#111' : '#fff';
  }

  var CSS =
    ':host{all:initial!important;display:block!important;position:static!important;visibility:visible!important;opacity:1!important;transform:none!important;filter:none!important}' +
    '*{box-sizing:border-box}' +
    '.root{font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2327}' +
    'button{font:inherit;margin:0;cursor:pointer;-webkit-tap-highlight-color:transparent}' +
    'button:focus-visible{outline:3px solid #2b7de9;outline-offset:3px}' +
    '.launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;display:flex;align-items:center;justify-content:center;width:56px;height:56px;padding:0;border:0;border-radius:50%;background:var(--accent);color:var(--on-accent);box-shadow:0 4px 14px rgba(0,0,0,.28);transition:transform .15s}' +
    '.launcher:hover{transform:scale(1.06)}' +
    '.left .launcher{right:auto;left:20px}' +
    'svg{width:26px;height:26px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}' +
    '.panel{position:fixed;bottom:88px;right:20px;z-index:2147483001;display:flex;flex-direction:column;width:min(400px,calc(100vw - 40px));height:min(640px,calc(100vh - 108px));background:#fff;border-radius:14px;overflow:hidden;box-shadow:0 12px 40px rgba(0,0,0,.3)}' +
    '.left .panel{right:auto;left:20px}' +
    '.panel[hidden]{display:none}' +
    '.head{display:flex;align-items:center;gap:8px;padding:8px 8px 8px 16px;background:var(--accent);color:var(--on-accent)}' +
    '.title{flex:1;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}' +
    '.close{display:flex;padding:6px;border:0;border-radius:8px;background:transparent;color:inherit}' +
    '.close svg{width:20px;height:20px}' +
    'iframe{flex:1;display:block;width:100%;min-height:0;border:0;background:#fff}' +
    '@media (max-width:600px){.panel,.left .panel{top:0;left:0;right:0;bottom:auto;width:100%;height:100%;border-radius:0}.open .launcher{display:none}}';

  /** Builds an SVG icon from path data (no innerHTML, so Trusted Types hosts are fine). */
  function icon(paths) {
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    paths.forEach(function (d) {
      var p = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      p.setAttribute('d', d);
      svg.appendChild(p);
    });
    return svg;
  }
  var CHAT = ['M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z', 'M8.5 10.5h7M8.5 13.5h4.5'];
  var CROSS = ['M6 6l12 12M18 6L6 18'];

  function el(tag, className) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    return e;
  }

  var host = document.createElement('k2-assistant');
  var shadow = host.attachShadow({ mode: 'open' });
  if (shadow.adoptedStyleSheets && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.appendChild(el('style')).textContent = CSS;
  }
  var root = el('div', 'root' + (left ? ' left' : ''));
  root.style.setProperty('--accent', accent);
  root.style.setProperty('--on-accent', onAccent(accent));

  var launcher = el('button', 'launcher');
  launcher.type = 'button';
  launcher.setAttribute('data-testid', 'chat-launcher');
  launcher.setAttribute('aria-controls', 'k2-panel');
  launcher.appendChild(icon(CHAT));

  var panel = el('div', 'panel');
  panel.id = 'k2-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', title);
  var head = el('div', 'head');
  var titleEl = el('span', 'title');
  titleEl.textContent = title;
  var closeBtn = el('button', 'close');
  closeBtn.type = 'button';
  closeBtn.setAttribute('aria-label', 'Close chat');
  closeBtn.appendChild(icon(CROSS));
  head.append(titleEl, closeBtn);
  panel.appendChild(head);
  root.append(panel, launcher);
  shadow.appendChild(root);

  var frame = /** @type {HTMLIFrameElement | null} */ (null);
  var ready = false;
  var isOpen = false;
  /** @type {object[]} */
  var queue = [];

  function emit(type, detail) {
    window.dispatchEvent(new CustomEvent('k2-assistant:' + type, { detail: detail }));
  }
  function post(message) {
    if (ready && frame && frame.contentWindow) frame.contentWindow.postMessage(Object.assign({ source: 'k2-assistant' }, message), appOrigin);
    else queue.push(message);
  }
  function label() {
    launcher.setAttribute('aria-expanded', String(isOpen));
    launcher.setAttribute('aria-label', isOpen ? 'Close chat' : 'Open chat: ' + title);
    launcher.replaceChildren(icon(isOpen ? CROSS : CHAT));
    root.classList.toggle('open', isOpen);
  }

  function ensureFrame() {
    if (frame) return frame;
    var params = new URLSearchParams({ parent: here, accent: accent });
    starters.forEach(function (q) { params.append('q', q); });
    frame = el('iframe');
    frame.title = title + ' chat';
    frame.src = appOrigin + '/embed?' + params.toString();
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox');
    panel.appendChild(frame);
    return frame;
  }

  /* On phones the panel covers the visual viewport, which shrinks when the keyboard opens. */
  var phone = window.matchMedia('(max-width: 600px)');
  var vv = window.visualViewport;
  function fit() {
    if (isOpen && phone.matches && vv) {
      panel.style.top = vv.offsetTop + 'px';
      panel.style.height = vv.height + 'px';
    } else {
      panel.style.removeProperty('top');
      panel.style.removeProperty('height');
    }
  }
  if (vv) {
    vv.addEventListener('resize', fit);
    vv.addEventListener('scroll', fit);
  }

  /** @param {boolean} [focus] move focus into the chat (not when opening on page load) */
  function open(focus) {
    if (isOpen) return;
    isOpen = true;
    panel.hidden = false;
    label();
    fit();
    var f = ensureFrame();
    if (focus !== false) {
      f.focus();
      post({ type: 'focus' });
    }
    emit('open');
  }
  function close() {
    if (!isOpen) return;
    isOpen = false;
    panel.hidden = true;
    label();
    fit();
    if (document.activeElement === host) launcher.focus();
    emit('close');
  }

  window.addEventListener('message', function (event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== appOrigin) return;
    var m = event.data;
    if (!m || m.source !== 'k2-embed') return;
    if (m.type === 'ready') {
      ready = true;
      queue.splice(0).forEach(post);
      emit('ready');
    } else if (m.type === 'close') close();
    else if (m.type === 'question') emit('question', { text: String(m.text) });
    else if (m.type === 'answer') emit('answer', { status: String(m.status), citations: Number(m.citations) || 0 });
  });

  function toggle() {
    if (isOpen) close();
    else open();
  }
  launcher.addEventListener('click', toggle);
  closeBtn.addEventListener('click', close);
  root.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') close();
  });

  w.K2Assistant = {
    open: function () { open(); },
    close: close,
    toggle: toggle,
    /** Opens the panel and asks a question (at most 2000 characters). */
    ask: function (text) {
      var q = String(text || '').trim().slice(0, 2000);
      open();
      if (q) post({ type: 'ask', text: q });
    },
    /** Listens to a widget event; returns a function that stops listening. */
    on: function (type, fn) {
      var handler = function (e) { fn(e.detail); };
      window.addEventListener('k2-assistant:' + type, handler);
      return function () { window.removeEventListener('k2-assistant:' + type, handler); };
    },
  };

  function mount() {
    document.body.appendChild(host);
    label();
    if (data.open === 'true' || data.open === '') open(false);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
}
