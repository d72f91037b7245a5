// The timeline page: builds the event list, the time axis, the filters
// and the evidence panel from the embedded timeline JSON.
//
// Every string from the data reaches the page as a text node (append,
// textContent) or an attribute value (setAttribute): nothing is parsed
// as HTML, so an article quoting markup shows it as text.
(function () {
  'use strict';

  const DAY_MS = 86400000;

  const data = JSON.parse(
    document.getElementById('timeline-data').textContent
  );
  const events = data.timeline.events;
  const when = data.dates;
  const documents = new Map(
    data.timeline.documents.map((d) => [d.id, d])
  );

  const MONTHS = [
    'January', 'February', 'March', 'April', 'May', 'June', 'July',
    'August', 'September', 'October', 'November', 'December',
  ];

  // An element with attributes and children; strings become text
  // nodes. Attribute names are ours, never taken from the data.
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (name === 'class') {
        node.className = value;
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children || []) {
      if (child !== null && child !== undefined) {
        node.append(child);
      }
    }
    return node;
  }

  // "MilitaryStrike" reads "Military strike".
  function typeLabel(type) {
    const words = String(type).replace(/([a-z])([A-Z])/g, '$1 $2');
    return words.charAt(0) + words.slice(1).toLowerCase();
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  // A YYYY-MM-DD day as UTC milliseconds, or NaN.
  function dayMs(text) {
    const m = /^(-?\d+)-(\d\d)-(\d\d)$/.exec(text || '');
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  }

  // "12 April 2017" for a document's publication date.
  function longDay(text) {
    const ms = dayMs(text);
    if (Number.isNaN(ms)) {
      return String(text);
    }
    const d = new Date(ms);
    return d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + ' ' +
      d.getUTCFullYear();
  }

  // A TIMEX3 date value as people read it ("2017-W15" is "Week 15,
  // 2017 (10–16 Apr)"), or as it is when the calendar cannot place it.
  function dateLabel(value) {
    return Object.hasOwn(data.labels, value) ? data.labels[value] : value;
  }

  const DCT_SOURCE = {
    given: 'date given',
    text: 'date stated in the article',
    inferred: 'date inferred',
    none: 'no date',
  };

  const HOW = {
    modifier: 'modifies the trigger',
    clause: 'in the same clause',
    sentence: 'in the same sentence',
  };

  function sources(ev) {
    return new Set(ev.mentions.map((m) => m.doc)).size;
  }

  function docTitle(id) {
    const doc = documents.get(id);
    return doc && doc.title ? doc.title : id;
  }

  // ---------------------------------------------------------------
  // Filters

  const state = { hiddenTypes: new Set(), who: '', words: [] };

  // Lower-case text of everything a reader may search an event for.
  const haystacks = events.map((ev, i) => {
    const parts = [
      ev.title, ev.summary, ev.type, typeLabel(ev.type), ev.date || '',
      when[i].label || 'undated', ev.actors.join(' '), ev.places.join(' '),
    ];
    for (const m of ev.mentions) {
      parts.push(m.sentence, m.doc, docTitle(m.doc));
    }
    for (const c of ev.date_conflicts) {
      parts.push(c.text, c.date);
    }
    return parts.join('\n').toLowerCase();
  });

  function shown(i) {
    const ev = events[i];
    if (state.hiddenTypes.has(ev.type)) {
      return false;
    }
    if (state.who && !ev.actors.includes(state.who) &&
        !ev.places.includes(state.who)) {
      return false;
    }
    return state.words.every((w) => haystacks[i].includes(w));
  }

  // ---------------------------------------------------------------
  // The event list, grouped by date; undated events last.

  const list = document.getElementById('events');
  const buttons = [];
  const items = [];

  function groups() {
    const byKey = new Map();
    events.forEach((ev, i) => {
      const key = when[i].group;
      const k = key === null ? '' : 'g' + key;
      if (!byKey.has(k)) {
        byKey.set(k, { title: key, items: [] });
      }
      byKey.get(k).items.push(i);
    });
    const out = [...byKey.values()];
    // The map keeps the timeline's date order; the undated go last.
    return out.filter((g) => g.title !== null)
      .concat(out.filter((g) => g.title === null));
  }

  function eventItem(i) {
    const ev = events[i];
    const n = sources(ev);
    const label = when[i].label || 'Undated';
    const conflicts = ev.date_conflicts.length;
    const meta = el('span', { class: 'event-meta' }, [
      el('span', { class: 'badge' }, [typeLabel(ev.type)]),
      el('span', {}, ['confidence ' + ev.confidence.toFixed(2)]),
      el('span', {}, [plural(n, 'source', 'sources')]),
      el('span', {}, [plural(ev.mentions.length, 'mention', 'mentions')]),
      conflicts
        ? el('span', { class: 'conflict-flag' },
          [plural(conflicts, 'date conflict', 'date conflicts')])
        : null,
    ]);
    const button = el('button', {
      type: 'button',
      class: 'event-button',
      'aria-expanded': 'false',
      'aria-controls': 'evidence',
      'aria-label': ev.title + '. ' + typeLabel(ev.type) + ', ' + label +
        '. Confidence ' + ev.confidence.toFixed(2) + ', ' +
        plural(n, 'source', 'sources') + ', ' +
        plural(ev.mentions.length, 'mention', 'mentions') +
        (conflicts ? ', ' + plural(conflicts, 'date conflict',
          'date conflicts') : '') + '. Show the evidence.',
      'data-event': ev.id,
    }, [
      el('span', { class: 'event-date' }, [label]),
      el('span', { class: 'event-title' }, [ev.title]),
      meta,
    ]);
    button.addEventListener('click', () => openEvidence(i));
    buttons[i] = button;
    const item = el('li', { class: 'event', 'data-type': ev.type },
      [button]);
    items[i] = item;
    return item;
  }

  const sections = [];
  groups().forEach((g, n) => {
    const id = 'group-' + n;
    const heading = el('h2', { id: id },
      [g.title === null ? 'Undated' : g.title]);
    const note = g.title === null
      ? el('p', { class: 'key' },
        ['No source gives these events a date they can be placed on.'])
      : null;
    const ol = el('ol', {}, g.items.map(eventItem));
    const section = el('section', {
      class: 'group',
      'aria-labelledby': id,
    }, [heading, note, ol]);
    sections.push({ node: section, items: g.items });
    list.append(section);
  });
  const nothing = el('p', { class: 'empty', hidden: true },
    ['No event matches the filters.']);
  list.append(nothing);
  if (events.length === 0) {
    nothing.textContent = 'This timeline has no events.';
    nothing.hidden = false;
  }

  // ---------------------------------------------------------------
  // The evidence panel

  const panel = document.getElementById('evidence');
  const panelBody = document.getElementById('evidence-body');
  let open = -1;

  // The sentence with the trigger and the time expression marked, by
  // their code point offsets (JavaScript strings count UTF-16 units,
  // hence Array.from).
  function sentence(m) {
    const chars = Array.from(m.sentence);
    const slice = (a, b) => chars.slice(a, b).join('');
    const ranges = [];
    const base = m.sentence_start;
    const length = Array.from(m.trigger).length;
    let at = Number.isInteger(base) ? m.start - base : -1;
    if (at < 0 || slice(at, at + length) !== m.trigger) {
      // Data without the sentence's offset: the first occurrence.
      const found = m.sentence.indexOf(m.trigger);
      at = found < 0 ? -1 : Array.from(m.sentence.slice(0, found)).length;
    }
    if (at >= 0) {
      ranges.push([at, at + length, 'trigger', 'event trigger']);
    }
    const ev = m.time_evidence;
    if (ev.kind === 'timex' && Number.isInteger(base)) {
      const s = ev.start - base;
      const e = ev.end - base;
      if (s >= 0 && e <= chars.length && s < e) {
        ranges.push([s, e, 'time', 'time expression']);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const quote = el('blockquote', { class: 'sentence' });
    let done = 0;
    for (const [s, e, cls, what] of ranges) {
      if (s < done) {
        continue;
      }
      quote.append(slice(done, s));
      quote.append(el('mark', { class: cls, title: what },
        [slice(s, e)]));
      done = e;
    }
    quote.append(slice(done, chars.length));
    return quote;
  }

  function evidenceText(m) {
    const ev = m.time_evidence;
    if (ev.kind === 'timex') {
      return 'Dated ' + dateLabel(m.date || ev.value) + ' by “' + ev.text +
        '” (' + (HOW[ev.how] || ev.how) + ').';
    }
    if (ev.kind === 'holds') {
      return 'No date of its own; dated by “' + ev.trigger +
        '”, which happened during it.';
    }
    if (ev.kind === 'dct-bound') {
      const rel = ev.relation === 'on_or_after' ? 'on or after'
        : 'on or before';
      return 'No date of its own; the tense puts it ' + rel + ' ' +
        longDay(ev.dct) + ', the publication date.';
    }
    return 'No date of its own.';
  }

  function mentionItem(m) {
    const doc = documents.get(m.doc);
    const published = doc && doc.dct
      ? 'published ' + longDay(doc.dct) + ' (' +
        (DCT_SOURCE[doc.dct_source] || doc.dct_source) + ')'
      : 'publication date unknown';
    return el('li', { class: 'mention' }, [
      el('p', { class: 'source' }, [
        el('cite', {}, [docTitle(m.doc)]), ' ',
        el('span', { class: 'published' }, ['· ' + published]),
      ]),
      sentence(m),
      el('p', { class: 'how' }, [evidenceText(m)]),
    ]);
  }

  function facts(ev, i) {
    const rows = [
      ['Date', when[i].label || 'Undated'],
      ['Type', typeLabel(ev.type)],
      ['Confidence', ev.confidence.toFixed(2)],
      ['Reported as', ev.factuality === 'planned' ? 'planned' : 'happened'],
      ['Actors', ev.actors.join(', ') || '—'],
      ['Places', ev.places.join(', ') || '—'],
      ['Sources', plural(sources(ev), 'article', 'articles')],
    ];
    const dl = el('dl', { class: 'facts' });
    for (const [k, v] of rows) {
      dl.append(el('dt', {}, [k]), el('dd', {}, [v]));
    }
    return dl;
  }

  function openEvidence(i) {
    const ev = events[i];
    if (open >= 0) {
      buttons[open].setAttribute('aria-expanded', 'false');
    }
    open = i;
    buttons[i].setAttribute('aria-expanded', 'true');
    panel.setAttribute('data-type', ev.type);
    const conflicts = ev.date_conflicts.map((c) => el('li', {}, [
      docTitle(c.doc) + ': ' + dateLabel(c.date) + ' from “' + c.text +
        '”',
    ]));
    panelBody.replaceChildren(
      el('span', { class: 'badge' }, [typeLabel(ev.type)]),
      el('h2', { id: 'evidence-title' }, [ev.title]),
      el('p', {}, [ev.summary]),
      facts(ev, i),
      el('h3', {}, [plural(conflicts.length, 'date conflict',
        'date conflicts')]),
      conflicts.length
        ? el('ul', { class: 'conflicts' }, conflicts)
        : el('p', { class: 'key' }, ['No source contradicts the date.']),
      el('h3', { id: 'mentions-title' },
        [plural(ev.mentions.length, 'mention', 'mentions')]),
      el('p', { class: 'key' }, [
        'Marked: ',
        el('mark', { class: 'trigger' }, ['the event’s word']), ' and ',
        el('mark', { class: 'time' }, ['the time expression']), '.',
      ]),
      el('ol', { class: 'mentions', 'aria-labelledby': 'mentions-title' },
        ev.mentions.map(mentionItem))
    );
    panel.hidden = false;
    panel.scrollTop = 0;
    panel.focus({ preventScroll: true });
    markAxis();
  }

  function closeEvidence() {
    if (open < 0) {
      return;
    }
    const button = buttons[open];
    button.setAttribute('aria-expanded', 'false');
    open = -1;
    panel.hidden = true;
    markAxis();
    button.focus();
  }

  document.getElementById('evidence-close')
    .addEventListener('click', closeEvidence);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && open >= 0) {
      closeEvidence();
    }
  });

  // ---------------------------------------------------------------
  // The time axis: the dated events, zoomable and scrollable.

  const view = document.getElementById('axis-view');
  const track = document.getElementById('axis-track');
  const dated = [];
  events.forEach((ev, i) => {
    const first = dayMs(when[i].first);
    const last = dayMs(when[i].last);
    if (!Number.isNaN(first) && !Number.isNaN(last)) {
      dated.push({ i: i, first: first, end: last + DAY_MS });
    }
  });
  let zoom = 1;
  const marks = [];

  // Tick steps, finest first: each with the least room it needs.
  const STEPS = [
    { name: 'day', days: 1 },
    { name: 'week', days: 7 },
    { name: 'month', days: 30.44 },
    { name: 'year', days: 365.25 },
    { name: 'decade', days: 3652.5 },
  ];

  function ticks(from, to, pxPerDay) {
    const step = STEPS.find((s) => s.days * pxPerDay >= 64) ||
      STEPS[STEPS.length - 1];
    const out = [];
    const d = new Date(from);
    // Start at the step's boundary at or before `from`.
    if (step.name === 'week') {
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    } else if (step.name === 'month') {
      d.setUTCDate(1);
    } else if (step.name === 'year' || step.name === 'decade') {
      d.setUTCMonth(0, 1);
      if (step.name === 'decade') {
        d.setUTCFullYear(d.getUTCFullYear() - (d.getUTCFullYear() % 10));
      }
    }
    while (d.getTime() <= to && out.length < 500) {
      const t = d.getTime();
      const month = MONTHS[d.getUTCMonth()].slice(0, 3);
      let label;
      if (step.name === 'day' || step.name === 'week') {
        label = d.getUTCDate() + ' ' + month;
      } else if (step.name === 'month') {
        label = month + ' ' + d.getUTCFullYear();
      } else if (step.name === 'year') {
        label = String(d.getUTCFullYear());
      } else {
        label = d.getUTCFullYear() + 's';
      }
      out.push([t, label]);
      if (step.name === 'day') {
        d.setUTCDate(d.getUTCDate() + 1);
      } else if (step.name === 'week') {
        d.setUTCDate(d.getUTCDate() + 7);
      } else if (step.name === 'month') {
        d.setUTCMonth(d.getUTCMonth() + 1);
      } else if (step.name === 'year') {
        d.setUTCFullYear(d.getUTCFullYear() + 1);
      } else {
        d.setUTCFullYear(d.getUTCFullYear() + 10);
      }
    }
    return out;
  }

  function drawAxis() {
    track.replaceChildren();
    marks.length = 0;
    if (dated.length === 0) {
      track.append(el('p', { class: 'key' },
        ['No event has a date that can be placed on the axis.']));
      return;
    }
    const lo = Math.min(...dated.map((d) => d.first));
    const hi = Math.max(...dated.map((d) => d.end));
    const days = Math.max(1, (hi - lo) / DAY_MS);
    const width = Math.max(view.clientWidth, 280) * zoom;
    // Room either side, so the first mark and the last tick's label,
    // which runs to the right of its line, are whole.
    const left = 16;
    const right = 64;
    const pxPerDay = (width - left - right) / days;
    const from = lo - (left / pxPerDay) * DAY_MS;
    const to = hi + (right / pxPerDay) * DAY_MS;
    const x = (t) => ((t - from) / DAY_MS) * pxPerDay;
    track.style.width = width + 'px';
    for (const [t, label] of ticks(from, to, pxPerDay)) {
      if (t < from) {
        continue;
      }
      const tick = el('span', { class: 'axis-tick' }, [label]);
      tick.style.left = x(t) + 'px';
      track.append(tick);
    }
    // Marks that would overlap go on lanes below one another.
    const laneEnds = [];
    const top = 22;
    const lane = 18;
    for (const d of dated) {
      const left = x(d.first);
      const w = Math.max(14, x(d.end) - left);
      let n = laneEnds.findIndex((end) => end + 3 <= left);
      if (n < 0) {
        n = laneEnds.length;
        laneEnds.push(0);
      }
      laneEnds[n] = left + w;
      const ev = events[d.i];
      const mark = el('button', {
        type: 'button',
        class: 'axis-item',
        tabindex: '-1',
        'data-type': ev.type,
        'data-event': ev.id,
        title: when[d.i].label + ': ' + ev.title,
      });
      mark.style.left = left + 'px';
      mark.style.width = w + 'px';
      mark.style.top = top + n * lane + 'px';
      mark.addEventListener('click', () => {
        openEvidence(d.i);
        items[d.i].scrollIntoView({ block: 'nearest' });
      });
      marks.push({ i: d.i, node: mark });
      track.append(mark);
    }
    track.style.height = top + laneEnds.length * lane + 8 + 'px';
    markAxis();
  }

  function markAxis() {
    for (const m of marks) {
      m.node.classList.toggle('filtered-out', !shown(m.i));
      m.node.classList.toggle('selected', m.i === open);
    }
  }

  function setZoom(z) {
    const centre = (view.scrollLeft + view.clientWidth / 2) /
      Math.max(1, track.offsetWidth);
    zoom = Math.min(4096, Math.max(1, z));
    drawAxis();
    view.scrollLeft = centre * track.offsetWidth - view.clientWidth / 2;
  }

  document.getElementById('zoom-in')
    .addEventListener('click', () => setZoom(zoom * 2));
  document.getElementById('zoom-out')
    .addEventListener('click', () => setZoom(zoom / 2));
  document.getElementById('zoom-fit')
    .addEventListener('click', () => setZoom(1));
  let resizing = false;
  window.addEventListener('resize', () => {
    if (!resizing) {
      resizing = true;
      window.requestAnimationFrame(() => {
        resizing = false;
        setZoom(zoom);
      });
    }
  });

  // ---------------------------------------------------------------
  // The filter controls

  const count = document.getElementById('count');

  function applyFilters() {
    let visible = 0;
    events.forEach((ev, i) => {
      const on = shown(i);
      items[i].hidden = !on;
      visible += on ? 1 : 0;
    });
    for (const s of sections) {
      s.node.hidden = s.items.every((i) => items[i].hidden);
    }
    nothing.hidden = visible > 0;
    count.textContent = 'Showing ' + visible + ' of ' +
      plural(events.length, 'event', 'events') + '.';
    markAxis();
  }

  const typeBox = document.getElementById('filter-types');
  const typeCounts = new Map();
  for (const ev of events) {
    typeCounts.set(ev.type, (typeCounts.get(ev.type) || 0) + 1);
  }
  for (const [type, n] of [...typeCounts].sort()) {
    const toggle = el('button', {
      type: 'button',
      class: 'type-toggle',
      'data-type': type,
      'aria-pressed': 'true',
    }, [
      el('span', { class: 'swatch', 'aria-hidden': 'true' }),
      typeLabel(type) + ' (' + n + ')',
    ]);
    toggle.addEventListener('click', () => {
      const on = toggle.getAttribute('aria-pressed') === 'true';
      toggle.setAttribute('aria-pressed', on ? 'false' : 'true');
      if (on) {
        state.hiddenTypes.add(type);
      } else {
        state.hiddenTypes.delete(type);
      }
      applyFilters();
    });
    typeBox.append(toggle);
  }

  const who = document.getElementById('filter-who');
  const names = (key) => [...new Set(events.flatMap((ev) => ev[key]))]
    .sort((a, b) => a.localeCompare(b, 'en'));
  for (const [label, key] of [['Actors', 'actors'], ['Places', 'places']]) {
    const group = el('optgroup', { label: label },
      names(key).map((name) => el('option', { value: name }, [name])));
    if (group.children.length) {
      who.append(group);
    }
  }
  who.addEventListener('change', () => {
    state.who = who.value;
    applyFilters();
  });

  const text = document.getElementById('filter-text');
  text.addEventListener('input', () => {
    state.words = text.value.toLowerCase().split(/\s+/)
      .filter((w) => w.length > 0);
    applyFilters();
  });

  const undated = events.length - dated.length;
  const summary = plural(events.length, 'event', 'events') + ' from ' +
    plural(documents.size, 'article', 'articles') + ': ' + dated.length +
    ' on the time axis, ' + undated + ' undated.';
  document.getElementById('summary').textContent = summary;
  document.title = 'Timeline: ' + plural(events.length, 'event', 'events');

  drawAxis();
  applyFilters();
}());
