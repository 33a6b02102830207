// Draws LINE message objects (text, sticker, image, video, audio, location, imagemap, template, Flex) as LINE's
// app would. Every piece of message text goes through textContent, never markup. URLs pass safeUrl first.
'use strict';

(function () {
  const SPACING = { none: '0px', xs: '2px', sm: '4px', md: '8px', lg: '12px', xl: '16px', xxl: '20px' };
  const TEXT_SIZE = { xxs: '11px', xs: '13px', sm: '14px', md: '16px', lg: '19px', xl: '22px', xxl: '29px', '3xl': '35px', '4xl': '48px', '5xl': '74px' };
  const IMAGE_SIZE = { xxs: '40px', xs: '60px', sm: '80px', md: '100px', lg: '120px', xl: '140px', xxl: '160px', '3xl': '180px', '4xl': '200px', '5xl': '240px', full: '100%' };
  const BORDER = { none: '0px', light: '0.5px', normal: '1px', medium: '2px', 'semi-bold': '3px', bold: '4px' };
  const BUBBLE_WIDTH = { nano: '120px', micro: '160px', deca: '220px', hecto: '241px', kilo: '260px', mega: '300px', giga: '500px' };
  const ALIGN = { start: 'flex-start', end: 'flex-end', center: 'center' };
  const JUSTIFY = { 'flex-start': 'flex-start', 'flex-end': 'flex-end', center: 'center', 'space-between': 'space-between', 'space-around': 'space-around', 'space-evenly': 'space-evenly' };
  const SECTION_PADDING = { header: '20px', body: '20px', footer: '10px' };
  const STICKER_FACES = { 1988: '😀', 1989: '😍', 1990: '😢', 1991: '😡', 1992: '👍', 1993: '🙏', 52002734: '🥳', 52002735: '😊', 52002736: '🙇', 52002737: '❤️', 10855: '👋', 10856: '🤔' };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Only web, phone and LINE links; never javascript: or data: in a link.
  function safeUrl(value, schemes) {
    if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return null;
    try {
      const url = new URL(value, window.location.href);
      return (schemes || ['https:', 'http:']).includes(url.protocol) ? url.href : null;
    } catch {
      return null;
    }
  }

  function keyword(value, table) {
    if (value === undefined || value === null) return null;
    if (Object.prototype.hasOwnProperty.call(table, value)) return table[value];
    return /^-?\d+(\.\d+)?(px|%)$/.test(String(value)) ? String(value) : null;
  }

  function color(value) {
    return typeof value === 'string' && /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/.test(value) ? toCssColor(value) : null;
  }

  // LINE colours are #RRGGBB or #RRGGBBAA.
  function toCssColor(hex) {
    if (hex.length === 7) return hex;
    const a = parseInt(hex.slice(7, 9), 16) / 255;
    return `rgba(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)}, ${a.toFixed(3)})`;
  }

  function image(src, className, alt) {
    const img = el('img', className);
    const url = safeUrl(src, ['https:', 'http:', 'blob:', 'data:']);
    if (url && (!url.startsWith('data:') || url.startsWith('data:image/'))) img.src = url;
    img.alt = alt || '';
    img.referrerPolicy = 'no-referrer';
    img.loading = 'lazy';
    img.decoding = 'async';
    // A picture that cannot load leaves its frame empty, not a broken-image glyph.
    img.addEventListener('error', () => img.classList.add('broken'));
    return img;
  }

  function clickable(node, action, ctx) {
    if (!action || typeof action !== 'object') return;
    node.classList.add('clickable');
    node.tabIndex = 0;
    node.setAttribute('role', 'button');
    if (action.label) node.setAttribute('aria-label', String(action.label));
    const run = (e) => { e.stopPropagation(); ctx.onAction(action); };
    node.addEventListener('click', run);
    node.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); run(e); } });
  }

  // ---------- Flex ----------

  function flexContainer(container, ctx) {
    if (!container || typeof container !== 'object') return el('div', 'unsupported', '[Flex ไม่ถูกต้อง]');
    if (container.type === 'carousel') {
      const carousel = el('div', 'fx-carousel');
      (container.contents || []).slice(0, 12).forEach((b) => carousel.appendChild(bubble(b, ctx)));
      return carousel;
    }
    return bubble(container, ctx);
  }

  function bubble(b, ctx) {
    const root = el('div', 'fx-bubble');
    root.dataset.size = b.size || 'mega';
    root.style.width = BUBBLE_WIDTH[b.size] || BUBBLE_WIDTH.mega;
    if (b.direction === 'rtl') root.dir = 'rtl';
    const styles = b.styles || {};
    let first = true;
    for (const name of ['header', 'hero', 'body', 'footer']) {
      const content = b[name];
      if (!content) continue;
      const style = styles[name] || {};
      const section = el('div', 'fx-section fx-' + name);
      const bg = color(style.backgroundColor);
      if (bg) section.style.backgroundColor = bg;
      if (style.separator && !first) section.style.borderTop = '1px solid ' + (color(style.separatorColor) || '#e5e5e5');
      const node = component(content, 'vertical', ctx);
      if (name !== 'hero' && content.type === 'box' && !hasPadding(content)) node.style.padding = SECTION_PADDING[name];
      section.appendChild(node);
      root.appendChild(section);
      first = false;
    }
    clickable(root, b.action, ctx);
    return root;
  }

  function hasPadding(box) {
    return ['paddingAll', 'paddingTop', 'paddingBottom', 'paddingStart', 'paddingEnd'].some((p) => box[p] !== undefined);
  }

  function component(c, parentLayout, ctx) {
    let node;
    switch (c && c.type) {
      case 'box': node = box(c, ctx); break;
      case 'text': node = flexText(c); break;
      case 'image': node = flexImage(c, parentLayout); break;
      case 'video': node = c.altContent ? component(c.altContent, parentLayout, ctx) : el('div', 'fx-video', '▶'); break;
      case 'icon': node = icon(c); break;
      case 'button': node = button(c, ctx); break;
      case 'separator': node = separator(c, parentLayout); break;
      case 'filler': node = el('div', 'fx-filler'); node.style.flex = `${c.flex ?? 1} 0 0`; return node;
      case 'spacer': node = el('div', 'fx-spacer'); node.style.flex = `0 0 ${keyword(c.size || 'md', SPACING) || '8px'}`; return node;
      case 'span': node = el('span', null, c.text); break;
      default: return el('div', 'unsupported', `[${c && c.type}]`);
    }
    node.dataset.type = c.type;
    // Icons and separators keep their own size; LINE gives them no flex.
    if (c.type !== 'separator' && c.type !== 'icon') applyFlex(node, c, parentLayout);
    applyPosition(node, c);
    if (c.action && c.type !== 'button') clickable(node, c.action, ctx);
    return node;
  }

  // LINE: in horizontal and baseline boxes a component takes flex 1 unless told; in vertical boxes, 0.
  function applyFlex(node, c, parentLayout) {
    const horizontal = parentLayout === 'horizontal' || parentLayout === 'baseline';
    const flex = c.flex ?? (horizontal ? 1 : 0);
    if (flex > 0) node.style.flex = horizontal ? `${flex} 0 0` : `${flex} 0 auto`;
    else node.style.flex = '0 0 auto';
    node.style.minWidth = '0';
    if (c.gravity && horizontal) node.style.alignSelf = ALIGN[{ top: 'start', bottom: 'end', center: 'center' }[c.gravity]] || 'auto';
  }

  function applyPosition(node, c) {
    if (c.position === 'absolute') node.style.position = 'absolute';
    for (const [prop, css] of [['offsetTop', 'top'], ['offsetBottom', 'bottom'], ['offsetStart', 'insetInlineStart'], ['offsetEnd', 'insetInlineEnd']]) {
      const value = keyword(c[prop], SPACING);
      if (value) {
        if (c.position !== 'absolute') node.style.position = 'relative';
        node.style[css] = value;
      }
    }
  }

  function box(c, ctx) {
    const layout = ['horizontal', 'vertical', 'baseline'].includes(c.layout) ? c.layout : 'vertical';
    const node = el('div', 'fx-box fx-' + layout);
    node.dataset.layout = layout;
    const bg = color(c.backgroundColor);
    if (bg) node.style.backgroundColor = bg;
    if (c.background && c.background.type === 'linearGradient') {
      const start = color(c.background.startColor) || 'transparent';
      const end = color(c.background.endColor) || 'transparent';
      const center = color(c.background.centerColor);
      const angle = /^-?\d+(\.\d+)?deg$/.test(c.background.angle || '') ? c.background.angle : '0deg';
      const middle = center ? `, ${center} ${keyword(c.background.centerPosition, {}) || '50%'}` : '';
      node.style.backgroundImage = `linear-gradient(${angle}, ${start}${middle}, ${end})`;
    }
    const borderWidth = keyword(c.borderWidth, BORDER);
    const borderColor = color(c.borderColor);
    if (borderWidth || borderColor) node.style.border = `${borderWidth || '1px'} solid ${borderColor || '#000000'}`;
    const radius = keyword(c.cornerRadius, SPACING);
    if (radius) { node.style.borderRadius = radius; node.style.overflow = 'hidden'; }
    for (const [prop, css] of [['width', 'width'], ['maxWidth', 'maxWidth'], ['height', 'height'], ['maxHeight', 'maxHeight']]) {
      const value = keyword(c[prop], {});
      if (value) node.style[css] = value;
    }
    const all = keyword(c.paddingAll, SPACING);
    if (all) node.style.padding = all;
    for (const [prop, css] of [['paddingTop', 'paddingTop'], ['paddingBottom', 'paddingBottom'], ['paddingStart', 'paddingInlineStart'], ['paddingEnd', 'paddingInlineEnd']]) {
      const value = keyword(c[prop], SPACING);
      if (value) node.style[css] = value;
    }
    if (JUSTIFY[c.justifyContent]) node.style.justifyContent = JUSTIFY[c.justifyContent];
    if (JUSTIFY[c.alignItems] || ALIGN[c.alignItems]) node.style.alignItems = JUSTIFY[c.alignItems] || ALIGN[c.alignItems];
    const spacing = keyword(c.spacing, SPACING);
    (c.contents || []).forEach((child, i) => {
      const childNode = component(child, layout, ctx);
      const margin = child.margin !== undefined ? keyword(child.margin, SPACING) : (i > 0 ? spacing : null);
      if (margin && child.position !== 'absolute') childNode.style[layout === 'vertical' ? 'marginTop' : 'marginInlineStart'] = margin;
      node.appendChild(childNode);
    });
    return node;
  }

  function textStyle(node, c) {
    const size = keyword(c.size, TEXT_SIZE);
    if (size) node.style.fontSize = size;
    if (c.weight === 'bold') node.style.fontWeight = '700';
    const fg = color(c.color);
    if (fg) node.style.color = fg;
    if (c.style === 'italic') node.style.fontStyle = 'italic';
    if (c.decoration === 'underline' || c.decoration === 'line-through') node.style.textDecoration = c.decoration;
  }

  function flexText(c) {
    const node = el('p', 'fx-text');
    if (Array.isArray(c.contents) && c.contents.length > 0) {
      for (const span of c.contents) {
        const s = el('span', 'fx-span', span.text);
        textStyle(s, span);
        node.appendChild(s);
      }
    } else {
      node.textContent = c.text ?? '';
    }
    textStyle(node, { size: c.size || 'md', weight: c.weight, color: c.color, style: c.style, decoration: c.decoration });
    if (c.align) node.style.textAlign = { start: 'start', end: 'end', center: 'center' }[c.align] || 'start';
    if (c.wrap) {
      node.classList.add('wrap');
      const spacing = keyword(c.lineSpacing, {});
      if (spacing) node.style.lineHeight = `calc(1.4em + ${spacing})`;
      if (c.maxLines > 0) { node.classList.add('clamp'); node.style.webkitLineClamp = String(c.maxLines); }
    }
    return node;
  }

  function flexImage(c, parentLayout) {
    const node = el('div', 'fx-image');
    node.style.justifyContent = ALIGN[c.align || 'center'];
    const frame = el('div', 'fx-image-frame');
    frame.style.width = keyword(c.size || 'md', IMAGE_SIZE) || '100px';
    const ratio = /^(\d+(\.\d+)?):(\d+(\.\d+)?)$/.exec(c.aspectRatio || '1:1');
    frame.style.aspectRatio = ratio ? `${ratio[1]} / ${ratio[3]}` : '1 / 1';
    const bg = color(c.backgroundColor);
    if (bg) frame.style.backgroundColor = bg;
    const img = image(c.url, 'fx-img');
    img.style.objectFit = c.aspectMode === 'cover' ? 'cover' : 'contain';
    frame.appendChild(img);
    node.appendChild(frame);
    if (parentLayout === 'vertical' && c.gravity) node.style.alignSelf = 'stretch';
    return node;
  }

  function icon(c) {
    const size = keyword(c.size || 'md', TEXT_SIZE) || '16px';
    const node = image(c.url, 'fx-icon');
    node.style.height = size;
    const ratio = /^(\d+(\.\d+)?):(\d+(\.\d+)?)$/.exec(c.aspectRatio || '1:1');
    node.style.width = ratio ? `calc(${size} * ${ratio[1]} / ${ratio[3]})` : size;
    node.style.flex = '0 0 auto';
    return node;
  }

  function button(c, ctx) {
    const style = ['primary', 'secondary', 'link'].includes(c.style) ? c.style : 'link';
    const node = el('button', 'fx-button fx-button-' + style, (c.action && c.action.label) || '');
    node.type = 'button';
    node.style.height = c.height === 'sm' ? '40px' : '52px';
    const custom = color(c.color);
    if (custom) {
      if (style === 'link') node.style.color = custom;
      else node.style.backgroundColor = custom;
    }
    clickable(node, c.action, ctx);
    return node;
  }

  function separator(c, parentLayout) {
    const node = el('div', 'fx-separator');
    const line = color(c.color) || '#d4d6da';
    if (parentLayout === 'vertical') node.style.borderTop = `1px solid ${line}`;
    else { node.style.borderInlineStart = `1px solid ${line}`; node.style.alignSelf = 'stretch'; }
    node.style.flex = '0 0 auto';
    const margin = keyword(c.margin, SPACING);
    if (margin) node.style[parentLayout === 'vertical' ? 'marginTop' : 'marginInlineStart'] = margin;
    return node;
  }

  // ---------- templates ----------

  function templateCard(column, template, ctx) {
    const card = el('div', 'tpl-card');
    const thumb = column.thumbnailImageUrl;
    if (thumb) {
      const frame = el('div', 'tpl-thumb');
      frame.style.aspectRatio = template.imageAspectRatio === 'square' ? '1 / 1' : '1.51 / 1';
      const bg = color(column.imageBackgroundColor || template.imageBackgroundColor);
      if (bg) frame.style.backgroundColor = bg;
      const img = image(thumb, null);
      img.style.objectFit = template.imageSize === 'contain' ? 'contain' : 'cover';
      frame.appendChild(img);
      card.appendChild(frame);
    }
    const body = el('div', 'tpl-body');
    if (column.title) body.appendChild(el('p', 'tpl-title', column.title));
    body.appendChild(el('p', 'tpl-text', column.text));
    card.appendChild(body);
    const actions = el('div', 'tpl-actions');
    for (const action of column.actions || []) {
      const b = el('button', 'tpl-action', action.label || '');
      b.type = 'button';
      clickable(b, action, ctx);
      actions.appendChild(b);
    }
    card.appendChild(actions);
    if (column.defaultAction) clickable(body, column.defaultAction, ctx);
    return card;
  }

  function template(t, ctx) {
    switch (t && t.type) {
      case 'buttons': return templateCard(t, t, ctx);
      case 'confirm': {
        const card = el('div', 'tpl-card tpl-confirm');
        card.appendChild(el('p', 'tpl-text', t.text));
        const actions = el('div', 'tpl-actions tpl-actions-row');
        for (const action of t.actions || []) {
          const b = el('button', 'tpl-action', action.label || '');
          b.type = 'button';
          clickable(b, action, ctx);
          actions.appendChild(b);
        }
        card.appendChild(actions);
        return card;
      }
      case 'carousel': {
        const row = el('div', 'fx-carousel');
        for (const column of t.columns || []) row.appendChild(templateCard(column, t, ctx));
        return row;
      }
      case 'image_carousel': {
        const row = el('div', 'fx-carousel');
        for (const column of t.columns || []) {
          const tile = el('div', 'tpl-image-tile');
          tile.appendChild(image(column.imageUrl, null));
          if (column.action && column.action.label) tile.appendChild(el('span', 'tpl-image-label', column.action.label));
          clickable(tile, column.action, ctx);
          row.appendChild(tile);
        }
        return row;
      }
      default: return el('div', 'unsupported', '[template]');
    }
  }

  // ---------- plain messages ----------

  function textBubble(text, side) {
    return el('div', `bubble bubble-${side} bubble-text`, text);
  }

  function stickerNode(packageId, stickerId) {
    const node = el('div', 'sticker');
    node.appendChild(el('span', 'sticker-face', STICKER_FACES[stickerId] || '🧸'));
    node.appendChild(el('span', 'sticker-caption', `สติกเกอร์ ${packageId}/${stickerId}`));
    node.title = 'สติกเกอร์ (ภาพจริงแสดงในแอป LINE)';
    return node;
  }

  function locationCard(m, side) {
    const card = el('div', `location-card bubble-${side}`);
    card.appendChild(el('p', 'location-title', '📍 ' + (m.title || 'ตำแหน่งที่ตั้ง')));
    if (m.address) card.appendChild(el('p', 'location-address', m.address));
    const lat = Number(m.latitude);
    const lon = Number(m.longitude);
    card.appendChild(el('p', 'location-coords', `${lat.toFixed(6)}, ${lon.toFixed(6)}`));
    if (Number.isFinite(lat) && Number.isFinite(lon)) {
      // A plain link: nothing is loaded from the map site unless the user opens it.
      const link = el('a', 'location-link', 'เปิดแผนที่');
      link.href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      card.appendChild(link);
    }
    return card;
  }

  function imageBubble(url, side, original) {
    const node = el('div', `image-message image-${side}`);
    const img = image(url, null, 'รูปภาพ');
    node.appendChild(img);
    const target = safeUrl(original || url, ['https:', 'http:']);
    if (target) {
      node.classList.add('clickable');
      node.addEventListener('click', () => window.open(target, '_blank', 'noopener,noreferrer'));
    }
    return node;
  }

  function textV2(m) {
    return String(m.text || '').replace(/\{([0-9a-zA-Z_]{1,20})\}/g, (all, key) => {
      const sub = (m.substitution || {})[key];
      if (!sub) return all;
      if (sub.type === 'mention') return sub.mentionee && sub.mentionee.type === 'all' ? '@All' : '@ผู้ใช้';
      if (sub.type === 'emoji') return '😊';
      return all;
    }).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  }

  /** One message object the bot sent. */
  function botMessage(m, ctx) {
    switch (m && m.type) {
      case 'text': return textBubble(m.text, 'bot');
      case 'textV2': return textBubble(textV2(m), 'bot');
      case 'sticker': return stickerNode(m.packageId, m.stickerId);
      case 'image': return imageBubble(m.previewImageUrl || m.originalContentUrl, 'bot', m.originalContentUrl);
      case 'video': {
        const node = imageBubble(m.previewImageUrl, 'bot', m.originalContentUrl);
        node.appendChild(el('span', 'play', '▶'));
        return node;
      }
      case 'audio': return textBubble(`🔊 ข้อความเสียง ${Math.round((m.duration || 0) / 1000)} วินาที`, 'bot');
      case 'location': return locationCard(m, 'bot');
      case 'imagemap': {
        const node = el('div', 'bubble bubble-bot imagemap', `[Imagemap] ${m.altText || ''}`);
        return node;
      }
      case 'template': {
        const node = template(m.template, ctx);
        node.title = m.altText || '';
        return node;
      }
      case 'flex': {
        const node = el('div', 'flex-message');
        node.title = m.altText || '';
        node.appendChild(flexContainer(m.contents, ctx));
        return node;
      }
      default: return el('div', 'bubble bubble-bot unsupported', `[ข้อความชนิด ${m && m.type} ยังไม่รองรับในโปรแกรมจำลอง]`);
    }
  }

  /** What the user did, as their side of the chat shows it. */
  function userMessage(m) {
    switch (m.type) {
      case 'text': return textBubble(m.text, 'user');
      case 'sticker': return stickerNode(m.packageId, m.stickerId);
      case 'image': return imageBubble(m.url, 'user', m.url);
      case 'location': return locationCard(m, 'user');
      default: return el('div', 'bubble bubble-user', `[${m.type}]`);
    }
  }

  window.LineRender = { botMessage, userMessage, flexContainer, el, image, safeUrl, STICKER_FACES };
})();
