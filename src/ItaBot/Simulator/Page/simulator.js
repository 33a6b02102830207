// The simulator page: simulated LINE users chatting with the bot. For every user action the server builds and
// signs the webhook body LINE would send; this page posts it to /webhook with X-Line-Signature (the real path),
// then polls for what the bot sent to that user.
'use strict';

(function () {
  const R = window.LineRender;
  const el = R.el;
  const $ = (id) => document.getElementById(id);
  const STORE = 'itabot-simulator-users';
  const NAMES = ['สมชาย ใจดี', 'สมหญิง รักษ์ถิ่น', 'มานี มีนา', 'ปิติ ชูใจ', 'วีระ กล้าหาญ', 'ชูใจ ใฝ่ดี', 'ประยูร บุญมา', 'สุดา แสงทอง'];
  const STICKERS = [
    ['446', '1988'], ['446', '1989'], ['446', '1990'], ['446', '1991'], ['446', '1992'], ['446', '1993'],
    ['11537', '52002734'], ['11537', '52002735'], ['11537', '52002736'], ['11537', '52002737'], ['789', '10855'], ['789', '10856'],
  ];
  const timeFormat = new Intl.DateTimeFormat('th-TH', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Bangkok' });
  const dayFormat = new Intl.DateTimeFormat('th-TH', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'Asia/Bangkok' });

  const state = {
    botName: 'ItaBot',
    users: [],
    current: null,
    chats: new Map(), // userId -> { items: [], after: 0, unread: 0, typing: false, blocked: false, quickReplyDismissed: 0, alias: null }
    pendingDatetime: null,
    menuOpen: null,
  };

  function chat(userId) {
    if (!state.chats.has(userId)) state.chats.set(userId, { items: [], after: 0, unread: 0, typing: false, blocked: false, quickReplyDismissed: 0, alias: null, menuKey: null });
    return state.chats.get(userId);
  }

  function randomUserId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return 'U' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function saveUsers() {
    localStorage.setItem(STORE, JSON.stringify({ users: state.users, current: state.current }));
  }

  function toast(text) {
    const t = $('toast');
    t.textContent = text;
    t.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.hidden = true; }, 3500);
  }

  async function api(path, options) {
    const response = await fetch('/simulator/api/' + path, options);
    if (!response.ok) {
      let detail = `HTTP ${response.status}`;
      try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
      throw new Error(detail);
    }
    return response.status === 204 ? null : response.json();
  }

  const postJson = (path, body) => api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  // ---------- sending ----------

  async function deliver(signed) {
    const response = await fetch('/webhook', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Line-Signature': signed.signature },
      body: signed.body,
    });
    if (!response.ok) toast(`/webhook ตอบกลับ HTTP ${response.status}`);
    poll(state.current);
  }

  async function sendEvent(kind, fields, userId) {
    const target = userId || state.current;
    try {
      const signed = await postJson('events', Object.assign({ userId: target, kind }, fields || {}));
      dismissQuickReply();
      await deliver(signed);
    } catch (error) {
      toast('ส่งไม่สำเร็จ: ' + error.message);
    }
  }

  const sendText = (text) => sendEvent('text', { text });

  async function sendImage(file) {
    if (!file) return;
    try {
      const signed = await api('images?userId=' + encodeURIComponent(state.current), { method: 'POST', headers: { 'Content-Type': file.type || 'application/octet-stream' }, body: file });
      dismissQuickReply();
      await deliver(signed);
    } catch (error) {
      toast('ส่งรูปไม่สำเร็จ: ' + error.message);
    }
  }

  // ---------- actions (quick replies, template and Flex buttons, rich-menu areas) ----------

  function runAction(action) {
    switch (action && action.type) {
      case 'message':
        sendText(String(action.text || action.label || ''));
        break;
      case 'postback':
        sendEvent('postback', { data: action.data, displayText: action.displayText || action.text || null });
        if (action.inputOption === 'openKeyboard') {
          $('message-input').value = action.fillInText || '';
          $('message-input').focus();
        }
        if (action.inputOption === 'openRichMenu') setMenuOpen(true);
        if (action.inputOption === 'closeRichMenu') setMenuOpen(false);
        break;
      case 'uri': {
        const url = R.safeUrl(action.uri, ['https:', 'http:', 'tel:', 'line:']);
        if (url) window.open(url, '_blank', 'noopener,noreferrer');
        else toast('ลิงก์นี้เปิดไม่ได้');
        break;
      }
      case 'datetimepicker':
        openDatetime(action);
        break;
      case 'camera':
      case 'cameraRoll':
        $('image-file').click();
        break;
      case 'location':
        openDrawer('location-form');
        break;
      case 'clipboard':
        if (navigator.clipboard) navigator.clipboard.writeText(String(action.clipboardText || '')).catch(() => {});
        toast('คัดลอกแล้ว');
        break;
      case 'richmenuswitch':
        chat(state.current).alias = action.richMenuAliasId;
        loadRichMenu(true);
        sendEvent('postback', { data: action.data, params: { newRichMenuAliasId: String(action.richMenuAliasId || ''), status: 'SUCCESS' } });
        break;
      default:
        toast('การกระทำนี้ยังไม่รองรับ: ' + (action && action.type));
    }
  }

  function openDatetime(action) {
    const input = $('datetime-input');
    const mode = ['date', 'time', 'datetime'].includes(action.mode) ? action.mode : 'datetime';
    input.type = mode === 'datetime' ? 'datetime-local' : mode;
    input.value = action.initial || '';
    input.min = action.min || '';
    input.max = action.max || '';
    $('datetime-label').textContent = action.label || 'เลือกวันเวลา';
    state.pendingDatetime = { data: action.data, mode };
    openDrawer('datetime-form');
    input.focus();
  }

  // ---------- drawing ----------

  function avatar(message) {
    const node = el('div', 'avatar');
    const icon = message && message.sender && message.sender.iconUrl;
    if (icon && R.safeUrl(icon)) node.appendChild(R.image(icon, null, ''));
    else node.textContent = (state.botName || 'B').trim().charAt(0);
    return node;
  }

  function rowFor(item, node, showName, message) {
    const row = el('div', `row row-${item.from}`);
    row.dataset.seq = item.seq;
    if (item.from === 'bot') {
      row.appendChild(showName ? avatar(message) : el('div', 'avatar-space'));
      const column = el('div', 'column');
      if (showName) column.appendChild(el('div', 'sender-name', (message.sender && message.sender.name) || state.botName));
      const line = el('div', 'line');
      line.appendChild(node);
      line.appendChild(el('time', 'time', timeFormat.format(new Date(item.at))));
      column.appendChild(line);
      row.appendChild(column);
    } else {
      const meta = el('div', 'meta');
      meta.appendChild(el('span', 'read'));
      meta.appendChild(el('time', 'time', timeFormat.format(new Date(item.at))));
      row.appendChild(meta);
      row.appendChild(node);
    }
    return row;
  }

  function drawItem(container, item, previous) {
    const day = dayFormat.format(new Date(item.at));
    if (!previous || dayFormat.format(new Date(previous.at)) !== day) {
      container.appendChild(el('div', 'day', day));
    }
    if (item.from === 'user' && item.message.type === 'system') {
      const text = item.message.event === 'follow' ? `คุณเพิ่ม ${state.botName} เป็นเพื่อนแล้ว` : `คุณบล็อก ${state.botName} แล้ว`;
      container.appendChild(el('div', 'system', text));
      return;
    }
    if (item.from === 'user') {
      container.appendChild(rowFor(item, R.userMessage(item.message), false));
      return;
    }
    (item.messages || []).forEach((message, i) => {
      let node;
      try {
        node = R.botMessage(message, { onAction: runAction });
      } catch (error) {
        node = el('div', 'bubble bubble-bot unsupported', '[แสดงข้อความนี้ไม่ได้: ' + error.message + ']');
      }
      container.appendChild(rowFor(item, node, i === 0, message));
    });
  }

  function redraw() {
    const c = chat(state.current);
    const container = $('chat');
    container.replaceChildren();
    c.items.forEach((item, i) => drawItem(container, item, c.items[i - 1]));
    markRead(c);
    drawQuickReply(c);
    drawStatus(c);
    container.scrollTop = container.scrollHeight;
  }

  function append(c, items) {
    const container = $('chat');
    const nearBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 120;
    items.forEach((item) => {
      drawItem(container, item, c.items[c.items.length - 1]);
      c.items.push(item);
    });
    markRead(c);
    drawQuickReply(c);
    if (nearBottom || items.some((i) => i.from === 'user')) container.scrollTop = container.scrollHeight;
  }

  // LINE shows "read" under the user's messages once the bot has answered after them.
  function markRead(c) {
    const lastBot = [...c.items].reverse().find((i) => i.from === 'bot');
    if (!lastBot) return;
    document.querySelectorAll('#chat .row-user').forEach((row) => {
      if (Number(row.dataset.seq) < lastBot.seq) row.querySelector('.read').textContent = 'อ่านแล้ว';
    });
  }

  function drawStatus(c) {
    $('typing').hidden = !c.typing;
    $('blocked-bar').hidden = !c.blocked;
    $('composer').hidden = c.blocked;
    $('block-toggle').textContent = c.blocked ? 'เลิกบล็อก (follow)' : 'บล็อก (unfollow)';
  }

  // Only the last message of the latest bot turn carries the quick reply, and only until the user acts.
  function drawQuickReply(c) {
    const bar = $('quick-replies');
    bar.replaceChildren();
    const last = c.items[c.items.length - 1];
    const messages = last && last.from === 'bot' ? last.messages || [] : [];
    const quick = messages.length > 0 ? messages[messages.length - 1].quickReply : null;
    if (!quick || !Array.isArray(quick.items) || last.seq <= c.quickReplyDismissed) {
      bar.hidden = true;
      return;
    }
    for (const item of quick.items.slice(0, 13)) {
      const action = item.action || {};
      const chip = el('button', 'quick-reply');
      chip.type = 'button';
      const icon = { camera: '📷', cameraRoll: '🖼', location: '📍', datetimepicker: '📅', clipboard: '📋' }[action.type];
      if (item.imageUrl && R.safeUrl(item.imageUrl)) chip.appendChild(R.image(item.imageUrl, 'quick-icon', ''));
      else if (icon) chip.appendChild(el('span', 'quick-icon', icon));
      chip.appendChild(el('span', null, action.label || action.text || ''));
      chip.addEventListener('click', () => {
        // Camera, camera roll, location and date pickers stay until something is sent.
        if (!['camera', 'cameraRoll', 'location', 'datetimepicker'].includes(action.type)) dismissQuickReply();
        runAction(action);
      });
      bar.appendChild(chip);
    }
    bar.hidden = false;
  }

  function dismissQuickReply() {
    const c = chat(state.current);
    const last = c.items[c.items.length - 1];
    if (last) c.quickReplyDismissed = last.seq;
    $('quick-replies').hidden = true;
  }

  function drawUsers() {
    const list = $('user-list');
    list.replaceChildren();
    for (const user of state.users) {
      const c = chat(user.userId);
      const li = el('li');
      const b = el('button', 'user' + (user.userId === state.current ? ' active' : ''));
      b.type = 'button';
      b.dataset.userId = user.userId;
      b.appendChild(el('span', 'user-avatar', user.displayName.charAt(0)));
      const text = el('span', 'user-text');
      text.appendChild(el('span', 'user-name', user.displayName));
      text.appendChild(el('span', 'user-id', user.userId.slice(0, 9) + '…'));
      b.appendChild(text);
      if (c.unread > 0 && user.userId !== state.current) b.appendChild(el('span', 'badge', c.unread));
      b.addEventListener('click', () => switchUser(user.userId));
      li.appendChild(b);
      list.appendChild(li);
    }
  }

  // ---------- rich menu ----------

  async function loadRichMenu(force) {
    const userId = state.current;
    const c = chat(userId);
    let menu = null;
    try {
      menu = await api('richmenu?userId=' + encodeURIComponent(userId) + (c.alias ? '&alias=' + encodeURIComponent(c.alias) : ''));
    } catch {
      menu = null;
    }
    if (userId !== state.current) return;
    const key = menu ? menu.richMenuId : null;
    if (!force && key === c.menuKey) return;
    c.menuKey = key;
    const holder = $('rich-menu-image');
    holder.replaceChildren();
    if (!menu) {
      $('rich-menu').hidden = true;
      $('chat-bar').hidden = true;
      return;
    }
    const size = menu.size || { width: 2500, height: 1686 };
    holder.style.aspectRatio = `${size.width} / ${size.height}`;
    holder.appendChild(R.image(menu.imageUrl, 'rich-menu-img', menu.name || ''));
    (menu.areas || []).forEach((area, i) => {
      const b = area.bounds || {};
      const hit = el('button', 'rich-menu-area');
      hit.type = 'button';
      hit.dataset.index = i;
      hit.setAttribute('aria-label', (area.action && (area.action.label || area.action.text)) || `พื้นที่ ${i + 1}`);
      hit.style.left = `${(100 * b.x) / size.width}%`;
      hit.style.top = `${(100 * b.y) / size.height}%`;
      hit.style.width = `${(100 * b.width) / size.width}%`;
      hit.style.height = `${(100 * b.height) / size.height}%`;
      hit.addEventListener('click', () => runAction(area.action));
      holder.appendChild(hit);
    });
    $('chat-bar').dataset.text = menu.chatBarText || 'เมนู';
    $('chat-bar').hidden = false;
    setMenuOpen(state.menuOpen ?? !!menu.selected);
  }

  function setMenuOpen(open) {
    state.menuOpen = open;
    if ($('chat-bar').hidden) return;
    $('rich-menu').hidden = !open;
    $('chat-bar').textContent = `${$('chat-bar').dataset.text} ${open ? '▾' : '▴'}`;
  }

  // ---------- drawers ----------

  function openDrawer(id) {
    for (const drawer of document.querySelectorAll('.drawer')) drawer.hidden = drawer.id !== id || !drawer.hidden;
  }

  function closeDrawers() {
    for (const drawer of document.querySelectorAll('.drawer')) drawer.hidden = true;
  }

  // ---------- polling ----------

  async function poll(userId) {
    const c = chat(userId);
    if (c.polling) { c.again = true; return; }
    c.polling = true;
    try {
      do {
        c.again = false;
        const result = await api(`messages?userId=${encodeURIComponent(userId)}&after=${c.after}`);
        const fresh = result.items.filter((i) => i.seq > c.after);
        if (fresh.length > 0) c.after = fresh[fresh.length - 1].seq;
        const statusChanged = c.typing !== result.typing || c.blocked !== result.blocked;
        c.typing = result.typing;
        c.blocked = result.blocked;
        if (userId === state.current) {
          if (fresh.length > 0) append(c, fresh);
          if (statusChanged || fresh.length > 0) drawStatus(c);
        } else if (fresh.length > 0) {
          c.items.push(...fresh);
          c.unread += fresh.filter((i) => i.from === 'bot').length;
          drawUsers();
        }
      } while (c.again);
    } catch {
      // The service may be restarting; the next tick tries again.
    } finally {
      c.polling = false;
    }
  }

  function switchUser(userId) {
    state.current = userId;
    chat(userId).unread = 0;
    state.menuOpen = null;
    closeDrawers();
    saveUsers();
    drawUsers();
    redraw();
    loadRichMenu(true);
    poll(userId);
  }

  async function addUser(displayName) {
    const used = new Set(state.users.map((u) => u.displayName));
    const name = displayName || NAMES.find((n) => !used.has(n)) || `ผู้ใช้ ${state.users.length + 1}`;
    const user = { userId: randomUserId(), displayName: name };
    await postJson('users', user);
    state.users.push(user);
    switchUser(user.userId);
    await sendEvent('follow', {}, user.userId);
  }

  // ---------- wiring ----------

  function wire() {
    $('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      const input = $('message-input');
      const text = input.value;
      if (text.trim().length === 0) return;
      input.value = '';
      closeDrawers();
      sendText(text);
    });
    $('add-user').addEventListener('click', () => addUser());
    $('block-toggle').addEventListener('click', () => sendEvent(chat(state.current).blocked ? 'follow' : 'unfollow'));
    $('unblock').addEventListener('click', () => sendEvent('follow'));
    $('toggle-tools').addEventListener('click', () => openDrawer('tools'));
    $('toggle-stickers').addEventListener('click', () => openDrawer('stickers'));
    $('pick-image').addEventListener('click', () => $('image-file').click());
    $('image-file').addEventListener('change', (e) => {
      const file = e.target.files && e.target.files[0];
      e.target.value = '';
      closeDrawers();
      sendImage(file);
    });
    $('tools').addEventListener('click', (e) => {
      const tool = e.target.closest('[data-tool]');
      if (!tool) return;
      const name = tool.dataset.tool;
      if (name === 'image' || name === 'camera') { closeDrawers(); $('image-file').click(); }
      if (name === 'location') openDrawer('location-form');
      if (name === 'follow') { closeDrawers(); sendEvent('follow'); }
    });
    for (const [packageId, stickerId] of STICKERS) {
      const b = el('button', 'sticker-choice', R.STICKER_FACES[stickerId] || '🧸');
      b.type = 'button';
      b.title = `สติกเกอร์ ${packageId}/${stickerId}`;
      b.dataset.packageId = packageId;
      b.dataset.stickerId = stickerId;
      b.addEventListener('click', () => { closeDrawers(); sendEvent('sticker', { packageId, stickerId }); });
      $('stickers').appendChild(b);
    }
    wireForms();
  }

  // Location presets come from the server: around the agency's own position (inside its area, at the edge, outside).
  function showPresets(presets) {
    const form = $('location-form');
    for (const preset of presets) {
      const b = el('button', 'preset', preset.label);
      b.type = 'button';
      b.addEventListener('click', () => {
        form.elements.title.value = preset.title;
        form.elements.address.value = preset.address;
        form.elements.latitude.value = preset.latitude;
        form.elements.longitude.value = preset.longitude;
      });
      $('location-presets').appendChild(b);
    }
  }

  function wireForms() {
    const form = $('location-form');
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const f = form.elements;
      closeDrawers();
      sendEvent('location', { title: f.title.value || null, address: f.address.value || null, latitude: Number(f.latitude.value), longitude: Number(f.longitude.value) });
    });
    $('datetime-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const pending = state.pendingDatetime;
      const value = $('datetime-input').value;
      if (!pending || !value) return;
      closeDrawers();
      state.pendingDatetime = null;
      dismissQuickReply();
      sendEvent('postback', { data: pending.data, params: { [pending.mode]: value } });
    });
    for (const close of document.querySelectorAll('[data-close]')) close.addEventListener('click', closeDrawers);
    $('chat-bar').addEventListener('click', () => setMenuOpen(!state.menuOpen));
  }

  async function start() {
    wire();
    try {
      const info = await api('info');
      state.botName = info.botName;
      $('bot-name').textContent = info.botName;
      showPresets(info.locations || []);
    } catch { /* keep the default name, no presets */ }
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(STORE) || 'null'); } catch { saved = null; }
    const valid = saved && Array.isArray(saved.users) ? saved.users.filter((u) => /^U[0-9a-f]{32}$/.test(u.userId) && u.displayName) : [];
    if (valid.length === 0) {
      await addUser(NAMES[0]);
    } else {
      state.users = valid;
      await Promise.all(valid.map((u) => postJson('users', u).catch(() => null)));
      switchUser(valid.some((u) => u.userId === saved.current) ? saved.current : valid[0].userId);
    }
    setInterval(() => poll(state.current), 600);
    setInterval(() => state.users.filter((u) => u.userId !== state.current).forEach((u) => poll(u.userId)), 3000);
    setInterval(() => loadRichMenu(false), 4000);
    document.body.dataset.ready = 'true';
  }

  window.ItaBotSimulator = { runAction, addUser, switchUser, state };
  start();
})();
