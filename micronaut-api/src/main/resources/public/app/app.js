/*
 * Shikong web page: the city's layers on a map through time, feature info and history, the ecological
 * red-line check, sector queries, and how to connect other clients. Plain browser JavaScript on the
 * OpenLayers bundle (window.ol, from its WebJar); every request goes to this server, nothing to the Internet.
 *
 * window.shikong exposes the map and its state (pending image loads, finished renders) for debugging and
 * for the browser tests (web-tests/).
 */
'use strict';
(function () {
  const TEXTS = window.SHIKONG_TEXTS;
  const VALUES = window.SHIKONG_VALUES;
  const $ = (id) => document.getElementById(id);
  const DAY = 86400000;
  const MAX_UPLOAD = 16 * 1024 * 1024;

  const state = {
    lang: localStorage.getItem('shikong.lang') === 'en' ? 'en' : 'zh',
    auth: sessionStorage.getItem('shikong.auth'), // base64 of user:password, for this tab only
    user: sessionStorage.getItem('shikong.user'),
    layers: [],          // layer details from /api/v1/layers/{name}, in list order
    mapLayers: {},       // name -> ol layer
    time: null,          // ISO instant shown by the map, null = now
    timeStart: null,     // Date: start of the slider
    serviceArea: null,   // [minLon, minLat, maxLon, maxLat] of every layer, grown a little
    mode: 'info',        // info | draw | pick
    pending: 0,          // image requests in flight
    renders: 0,          // finished renders of the map
    loaded: 0,           // times the layer list was loaded (start, login, logout, language)
    changes: 0,          // changes of what the map shows; settled = the changes drawn by the last complete render
    settled: -1,
    playing: null,
    display: {},         // layer name -> 'wms' | 'vt'
    checkResult: null,
    lastInfo: null
  };

  // ---------------------------------------------------------------- texts

  function t(key, ...args) {
    const s = (TEXTS[state.lang] && TEXTS[state.lang][key]) || TEXTS.zh[key] || key;
    return s.replace(/\{(\d)\}/g, (m, i) => (args[i] === undefined ? '' : String(args[i])));
  }

  /** "建筑物 Buildings" -> the Chinese or the English part. */
  function title(s) {
    if (!s) {
      return '';
    }
    const i = s.search(/[A-Za-z]/);
    if (i <= 0) {
      return s;
    }
    return state.lang === 'en' ? s.slice(i).trim() : s.slice(0, i).trim();
  }

  function value(v) {
    if (v === null || v === undefined) {
      return '—';
    }
    if (state.lang === 'zh' && typeof v === 'string' && VALUES[v]) {
      return VALUES[v] + '（' + v + '）';
    }
    return String(v);
  }

  /** An enumerated value in a table cell: its Chinese name only. */
  function short(v) {
    return state.lang === 'zh' && typeof v === 'string' && VALUES[v] ? VALUES[v] : (v === null || v === undefined ? '—' : String(v));
  }

  function applyTexts() {
    document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    $('lang').textContent = state.lang === 'en' ? '中文' : 'English';
    $('who').textContent = state.user ? t('loggedInAs', state.user) : t('anonymous');
    $('play').textContent = state.playing ? t('pause') : t('play');
    updateTimeLabel();
  }

  // ---------------------------------------------------------------- messages and requests

  function showMessage(text, ok) {
    $('message-text').textContent = text;
    $('message').classList.toggle('ok', !!ok);
    $('message').hidden = false;
  }

  function clearMessage() {
    $('message').hidden = true;
  }

  function headers(extra) {
    const h = Object.assign({}, extra || {});
    if (state.auth) {
      h.Authorization = 'Basic ' + state.auth;
    }
    return h;
  }

  async function api(path, options) {
    // credentials 'omit': the login goes in our own Authorization header, and a 401 comes back to the page
    // instead of making the browser ask for a password in a dialog of its own (Fetch: no prompt without credentials)
    const o = Object.assign({ credentials: 'omit' }, options || {});
    o.headers = headers(o.headers);
    try {
      return await fetch(path, o);
    } catch (e) {
      throw new Error(t('errNetwork', e.message));
    }
  }

  /** The reason a request failed: problem+json's detail, an OGC exception's text, or the status. */
  async function reason(response) {
    const text = await response.text();
    try {
      const p = JSON.parse(text);
      return p.detail || p.title || text;
    } catch (e) {
      const m = /<(?:ows:)?(?:ExceptionText|ServiceException)[^>]*>([\s\S]*?)</.exec(text);
      return m ? m[1].trim() : (text.slice(0, 300) || response.statusText);
    }
  }

  async function json(path, options) {
    const r = await api(path, options);
    if (!r.ok) {
      const err = new Error(t('errServer', r.status, await reason(r)));
      err.status = r.status;
      throw err;
    }
    return r.json();
  }

  /** An image through fetch, so that the login's Authorization header goes with it. */
  async function loadImage(img, url) {
    const r = await api(url);
    if (!r.ok) {
      throw new Error(await reason(r));
    }
    const blob = await r.blob();
    const old = img.dataset.objectUrl;
    img.dataset.objectUrl = URL.createObjectURL(blob);
    img.src = img.dataset.objectUrl;
    if (old) {
      URL.revokeObjectURL(old);
    }
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') {
        e.className = v;
      } else if (k.startsWith('on')) {
        e.addEventListener(k.slice(2), v);
      } else if (v !== undefined && v !== null && v !== false) {
        e.setAttribute(k, v === true ? '' : v);
      }
    });
    children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c === undefined || c === null ? '' : String(c))));
    return e;
  }

  function table(head, rows) {
    return el('div', { class: 'table' }, el('table', {}, el('thead', {}, el('tr', {}, head.map((h) => el('th', {}, h)))),
      el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => (c instanceof Node ? el('td', {}, c)
        : el('td', typeof c === 'number' ? { class: 'num' } : {}, typeof c === 'number' ? fmt(c) : c))))))));
  }

  function fmt(n) {
    return Number.isInteger(n) ? n.toLocaleString('zh-CN') : n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  }

  // ---------------------------------------------------------------- map

  const geojson = new ol.format.GeoJSON({ dataProjection: 'EPSG:4326', featureProjection: 'EPSG:3857' });
  const view = new ol.View({ center: ol.proj.fromLonLat([123.43, 41.80]), zoom: 11, maxZoom: 21 });
  const map = new ol.Map({ target: 'map', view: view });
  map.addControl(new ol.control.ScaleLine());

  const highlight = new ol.source.Vector();
  const footprints = new ol.source.Vector();
  const results = new ol.source.Vector();
  const stroke = (color, width, dash) => new ol.style.Stroke({ color, width, lineDash: dash });
  map.addLayer(new ol.layer.Vector({ source: results, zIndex: 900, style: new ol.style.Style({
    stroke: stroke('#ff6f00', 3), fill: new ol.style.Fill({ color: 'rgba(255,111,0,0.15)' }),
    image: new ol.style.Circle({ radius: 6, fill: new ol.style.Fill({ color: '#ff6f00' }), stroke: stroke('#fff', 1.5) }) }) }));
  map.addLayer(new ol.layer.Vector({ source: footprints, zIndex: 950, style: new ol.style.Style({
    stroke: stroke('#1565c0', 2.5), fill: new ol.style.Fill({ color: 'rgba(21,101,192,0.18)' }) }) }));
  map.addLayer(new ol.layer.Vector({ source: highlight, zIndex: 1000, style: new ol.style.Style({
    stroke: stroke('#00e5ff', 3), fill: new ol.style.Fill({ color: 'rgba(0,229,255,0.2)' }),
    image: new ol.style.Circle({ radius: 7, stroke: stroke('#00e5ff', 3) }) }) }));
  // a render finished with nothing loading: every change made so far (time, layers, view) is on the map
  map.on('rendercomplete', () => {
    state.renders++;
    if (state.pending === 0) {
      state.settled = state.changes;
    }
  });
  const changed = () => { state.changes++; };
  view.on(['change:center', 'change:resolution', 'change:rotation'], changed);

  /** Counts the images and tiles in flight, and says so under the map. */
  function loading(delta) {
    state.pending = Math.max(0, state.pending + delta);
    $('busy').hidden = state.pending === 0;
  }

  function wmsLayer(detail, z) {
    const source = new ol.source.ImageWMS({
      url: '/wms',
      params: { LAYERS: detail.name, VERSION: '1.3.0', FORMAT: 'image/png', TRANSPARENT: true, STYLES: '' },
      ratio: 1,
      imageLoadFunction: (image, src) => {
        const img = image.getImage();
        api(src).then(async (r) => {
          if (!r.ok || !(r.headers.get('Content-Type') || '').startsWith('image/')) {
            throw new Error(await reason(r));
          }
          const url = URL.createObjectURL(await r.blob());
          img.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
          img.src = url;
        }).catch((e) => {
          showMessage(t('errLayerImage', title(detail.title), e.message));
          img.src = '';
        });
      }
    });
    source.on('imageloadstart', () => loading(1));
    source.on(['imageloadend', 'imageloaderror'], () => loading(-1));
    const layer = new ol.layer.Image({ source, visible: false, zIndex: z });
    layer.set('name', detail.name);
    if (state.time) {
      source.updateParams({ TIME: state.time });
    }
    return layer;
  }

  // ---------------------------------------------------------------- vector tiles (/tiles), drawn in the browser

  /** The MVT URL template of a layer, as of the map's time. */
  function vtUrl(name) {
    return '/tiles/WebMercatorQuad/{z}/{x}/{y}.mvt?layers=' + encodeURIComponent(name)
      + (state.time ? '&asOf=' + encodeURIComponent(state.time) : '');
  }

  /** A MapLibre expression of the layer's style document (/tiles/styles/{layer}.json), the few operators it uses. */
  function evaluate(e, props) {
    if (!Array.isArray(e)) {
      return e;
    }
    const [op, ...a] = e;
    const v = (x) => evaluate(x, props);
    switch (op) {
      case 'get': return props[a[0]];
      case 'has': return props[a[0]] !== undefined && props[a[0]] !== null;
      case 'to-string': return v(a[0]) === undefined || v(a[0]) === null ? '' : String(v(a[0]));
      case 'to-number': return Number(v(a[0]));
      case 'literal': return a[0];
      case '==': return v(a[0]) === v(a[1]);
      case '!=': return v(a[0]) !== v(a[1]);
      case '>': return v(a[0]) > v(a[1]);
      case '>=': return v(a[0]) >= v(a[1]);
      case '<': return v(a[0]) < v(a[1]);
      case '<=': return v(a[0]) <= v(a[1]);
      case '!': return !v(a[0]);
      case 'all': return a.every((x) => v(x));
      case 'any': return a.some((x) => v(x));
      case 'in': { const list = v(a[1]); return Array.isArray(list) ? list.includes(v(a[0])) : String(list).includes(v(a[0])); }
      default: return true; // an operator the page does not know: drawn rather than hidden
    }
  }

  function rgba(color, opacity) {
    if (!color) {
      return null;
    }
    const c = ol.color.asArray(color).slice();
    c[3] = (c[3] === undefined ? 1 : c[3]) * (opacity === undefined ? 1 : opacity);
    return c;
  }

  /** An OpenLayers style function from the fill, line and circle layers of a MapLibre style document. */
  function styleFunction(doc) {
    const rules = (doc.layers || []).filter((l) => ['fill', 'line', 'circle'].includes(l.type));
    const cache = {};
    return (feature, resolution) => {
      const props = feature.getProperties();
      const zoom = view.getZoomForResolution(resolution);
      const styles = [];
      rules.forEach((r, i) => {
        if ((r.minzoom !== undefined && zoom < r.minzoom) || (r.maxzoom !== undefined && zoom >= r.maxzoom)) {
          return;
        }
        if (r.filter && !evaluate(r.filter, props)) {
          return;
        }
        if (!cache[i]) {
          const p = r.paint || {};
          if (r.type === 'fill') {
            cache[i] = new ol.style.Style({ fill: new ol.style.Fill({ color: rgba(p['fill-color'], p['fill-opacity']) }) });
          } else if (r.type === 'line') {
            cache[i] = new ol.style.Style({ stroke: new ol.style.Stroke({ color: rgba(p['line-color'], p['line-opacity']),
              width: p['line-width'] || 1, lineDash: p['line-dasharray'] ? p['line-dasharray'].map((d) => d * (p['line-width'] || 1)) : undefined }) });
          } else {
            cache[i] = new ol.style.Style({ image: new ol.style.Circle({ radius: p['circle-radius'] || 3,
              fill: new ol.style.Fill({ color: rgba(p['circle-color'] || '#666', p['circle-opacity']) }),
              stroke: p['circle-stroke-color'] ? new ol.style.Stroke({ color: rgba(p['circle-stroke-color'], p['circle-stroke-opacity']),
                width: p['circle-stroke-width'] || 1 }) : undefined }) });
          }
        }
        styles.push(cache[i]);
      });
      return styles;
    };
  }

  function vtLayer(detail, z) {
    const source = new ol.source.VectorTile({
      format: new ol.format.MVT(),
      url: vtUrl(detail.name),
      tileLoadFunction: (tile, url) => {
        tile.setLoader((extent, resolution, projection) => {
          api(url).then(async (r) => {
            if (!r.ok) {
              throw new Error(await reason(r));
            }
            const data = await r.arrayBuffer();
            tile.setFeatures(tile.getFormat().readFeatures(data, { extent, featureProjection: projection }));
          }).catch((e) => {
            showMessage(t('errLayerImage', title(detail.title), e.message));
            tile.setFeatures([]);
          });
        });
      }
    });
    source.on('tileloadstart', () => loading(1));
    source.on(['tileloadend', 'tileloaderror'], () => loading(-1));
    const layer = new ol.layer.VectorTile({ source, visible: false, zIndex: z, declutter: false, renderMode: 'hybrid' });
    layer.set('name', detail.name);
    layer.set('vector', true);
    json('/tiles/styles/' + encodeURIComponent(detail.name) + '.json').then((doc) => {
      layer.setStyle(styleFunction(doc));
    }).catch(() => { /* the default OpenLayers style stays */ });
    return layer;
  }

  /** A layer's map layer in its display mode: vector tiles for points (drawn and queried in the browser), WMS else. */
  function mapLayer(detail, z) {
    const mode = state.display[detail.name] || (detail.geometryType === 'Point' ? 'vt' : 'wms');
    state.display[detail.name] = mode;
    return mode === 'vt' ? vtLayer(detail, z) : wmsLayer(detail, z);
  }

  function switchDisplay(detail, mode) {
    const old = state.mapLayers[detail.name];
    state.display[detail.name] = mode;
    const layer = mapLayer(detail, old.getZIndex());
    layer.setVisible(old.getVisible());
    map.removeLayer(old);
    map.addLayer(layer);
    state.mapLayers[detail.name] = layer;
    changed();
  }

  // ---------------------------------------------------------------- layers

  async function loadLayers(visible) {
    Object.values(state.mapLayers).forEach((l) => map.removeLayer(l));
    state.mapLayers = {};
    $('info').hidden = true;
    $('history').hidden = true;
    highlight.clear();
    const list = await json('/api/v1/layers');
    state.layers = await Promise.all(list.layers.map((l) => json('/api/v1/layers/' + encodeURIComponent(l.name))));
    const ul = $('layer-list');
    ul.replaceChildren();
    let area = null;
    state.layers.forEach((d, i) => {
      const layer = mapLayer(d, 100 - i);
      state.mapLayers[d.name] = layer;
      map.addLayer(layer);
      const on = visible.includes(d.name);
      layer.setVisible(on);
      const display = el('select', { class: 'display', 'data-display': d.name, 'aria-label': t('display'), onchange: (e) => switchDisplay(d, e.target.value) },
        el('option', { value: 'wms' }, 'WMS'), el('option', { value: 'vt' }, t('vectorTiles')));
      display.value = state.display[d.name];
      const legend = el('img', { class: 'legend', alt: t('legend') + ' ' + d.name, hidden: !on });
      const box = el('input', { type: 'checkbox', 'data-layer': d.name, onchange: (e) => {
        state.mapLayers[d.name].setVisible(e.target.checked);
        changed();
        legend.hidden = !e.target.checked;
        if (e.target.checked && !legend.src) {
          loadLegend(legend, d);
        }
      } });
      box.checked = on;
      if (on) {
        loadLegend(legend, d);
      }
      const extent = d.temporalExtent && d.temporalExtent[0] ? d.temporalExtent[0].slice(0, 10) + ' – ' + (d.temporalExtent[1] ? d.temporalExtent[1].slice(0, 10) : t('current')) : '';
      ul.append(el('li', { 'data-layer': d.name },
        el('div', { class: 'layer-head' }, el('label', {}, box, el('span', {}, title(d.title)),
          d.restricted ? el('span', { class: 'tag' }, t('restricted')) : ''), display),
        el('div', { class: 'meta' }, d.name + ' · ' + d.geometryType + (extent ? ' · ' + extent : '')),
        legend));
      if (d.bbox) {
        area = area ? [Math.min(area[0], d.bbox[0]), Math.min(area[1], d.bbox[1]), Math.max(area[2], d.bbox[2]), Math.max(area[3], d.bbox[3])] : d.bbox.slice();
      }
    });
    state.serviceArea = area ? [area[0] - 0.1, area[1] - 0.1, area[2] + 0.1, area[3] + 0.1] : null;
    setupTime();
    state.loaded++;
    changed();
  }

  function loadLegend(img, d) {
    loadImage(img, '/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&FORMAT=image/png&LAYER=' + encodeURIComponent(d.name))
      .catch((e) => showMessage(t('errLayerImage', title(d.title), e.message)));
  }

  function visibleLayers() {
    return state.layers.filter((d) => state.mapLayers[d.name] && state.mapLayers[d.name].getVisible());
  }

  // ---------------------------------------------------------------- time

  function setupTime() {
    const starts = state.layers.map((d) => d.temporalExtent && d.temporalExtent[0]).filter(Boolean).map((s) => Date.parse(s));
    const start = starts.length ? new Date(Math.min(...starts)) : new Date(Date.now() - 10 * 365 * DAY);
    state.timeStart = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()));
    const days = Math.ceil((Date.now() - state.timeStart.getTime()) / DAY);
    const slider = $('time');
    slider.max = String(days);
    // a tick on the slider at every new year
    const ticks = $('time-ticks');
    ticks.replaceChildren();
    for (let y = state.timeStart.getUTCFullYear() + 1; y <= new Date().getUTCFullYear(); y++) {
      ticks.append(el('option', { value: String(Math.round((Date.UTC(y, 0, 1) - state.timeStart.getTime()) / DAY)), label: String(y) }));
    }
    slider.value = state.time ? String(Math.round((Date.parse(state.time) - state.timeStart.getTime()) / DAY)) : String(days);
    updateTimeLabel();
  }

  function updateTimeLabel() {
    $('time-label').textContent = state.time ? state.time.slice(0, 10) : t('now');
  }

  /** Shows the map at an instant (ISO 8601), or now when null: WMS TIME on every layer. */
  function setTime(iso) {
    state.time = iso;
    Object.values(state.mapLayers).forEach((l) => {
      if (l.get('vector')) {
        l.getSource().setUrl(vtUrl(l.get('name')));
        return;
      }
      const p = l.getSource().getParams();
      if (iso) {
        p.TIME = iso;
      } else {
        delete p.TIME;
      }
      l.getSource().updateParams({});
    });
    changed();
    if (iso && state.timeStart) {
      $('time').value = String(Math.round((Date.parse(iso) - state.timeStart.getTime()) / DAY));
    } else if (!iso) {
      $('time').value = $('time').max;
    }
    updateTimeLabel();
  }

  function sliderTime() {
    const v = Number($('time').value);
    if (v >= Number($('time').max)) {
      return null;
    }
    return new Date(state.timeStart.getTime() + v * DAY).toISOString().slice(0, 10) + 'T00:00:00Z';
  }

  let sliderTimer = null;
  $('time').addEventListener('input', () => {
    changed();
    state.time = sliderTime();
    updateTimeLabel();
    clearTimeout(sliderTimer);
    sliderTimer = setTimeout(() => setTime(sliderTime()), 150);
  });
  $('time-now').addEventListener('click', () => { stopPlay(); setTime(null); });

  function stopPlay() {
    if (state.playing) {
      clearInterval(state.playing);
      state.playing = null;
      $('play').textContent = t('play');
    }
  }

  $('play').addEventListener('click', () => {
    if (state.playing) {
      stopPlay();
      return;
    }
    const slider = $('time');
    if (Number(slider.value) >= Number(slider.max)) {
      slider.value = '0';
    }
    $('play').textContent = t('pause');
    const step = () => {
      const next = Math.min(Number(slider.max), Number(slider.value) + 365);
      slider.value = String(next);
      setTime(sliderTime());
      if (next >= Number(slider.max)) {
        stopPlay();
      }
    };
    step();
    state.playing = setInterval(step, 1500);
  });

  // ---------------------------------------------------------------- feature info and history

  async function featureInfo(evt) {
    const layers = visibleLayers();
    highlight.clear();
    if (!layers.length) {
      return;
    }
    for (const d of layers) {
      const layer = state.mapLayers[d.name];
      if (layer.get('vector')) {
        const hits = map.getFeaturesAtPixel(evt.pixel, { layerFilter: (l) => l === layer, hitTolerance: 4 });
        if (hits.length) {
          const props = Object.assign({}, hits[0].getProperties());
          const id = props.id !== undefined ? props.id : hits[0].getId();
          delete props.geometry;
          showInfo(d, { id, properties: props });
          return;
        }
        continue;
      }
      const source = layer.getSource();
      const url = source.getFeatureInfoUrl(evt.coordinate, view.getResolution(), 'EPSG:3857',
        { INFO_FORMAT: 'application/json', FEATURE_COUNT: 5 });
      let fc;
      try {
        fc = await json(url);
      } catch (e) {
        showMessage(e.message);
        return;
      }
      if (fc.features && fc.features.length) {
        showInfo(d, fc.features[0]);
        return;
      }
    }
    $('info').hidden = false;
    $('history').hidden = true;
    $('info-body').replaceChildren(el('p', { class: 'hint' }, t('noFeature')));
  }

  function attributeRows(d, props) {
    return d.attributes.map((a) => [state.lang === 'zh' && a.title ? a.title : a.name, value(props[a.name])]);
  }

  function showInfo(d, f) {
    state.lastInfo = { layer: d, id: f.id };
    if (f.geometry) {
      highlight.addFeatures(new ol.format.GeoJSON().readFeatures(f, { dataProjection: 'EPSG:3857', featureProjection: 'EPSG:3857' }));
    }
    const p = f.properties || {};
    const rows = [[t('id'), f.id]].concat(attributeRows(d, p),
      [[t('validFrom'), p.valid_from || '—'], [t('validTo'), p.valid_to || t('current')]]);
    if (f.version !== undefined) {
      rows.push([t('version'), String(f.version)]);
    }
    $('info-body').replaceChildren(
      el('p', {}, el('strong', {}, title(d.title))),
      table([], rows),
      d.versioned ? el('button', { type: 'button', id: 'show-history', onclick: () => showHistory(d, f.id) }, t('showHistory')) : '');
    $('info').hidden = false;
    $('history').hidden = true;
    selectTab('layers');
  }

  async function showHistory(d, id) {
    let fc;
    try {
      fc = await json('/api/v1/layers/' + encodeURIComponent(d.name) + '/features/' + encodeURIComponent(id) + '/history');
    } catch (e) {
      showMessage(e.message);
      return;
    }
    const body = $('history-body');
    body.replaceChildren();
    let previous = null;
    fc.features.forEach((f) => {
      const p = f.properties || {};
      const diffs = previous ? d.attributes.filter((a) => JSON.stringify(previous[a.name]) !== JSON.stringify(p[a.name]))
        .map((a) => (state.lang === 'zh' && a.title ? a.title : a.name) + ': ' + value(previous[a.name]) + ' → ' + value(p[a.name])) : [];
      body.append(el('div', { class: 'history-version', 'data-version': f.version },
        el('div', { class: 'when' }, t('version') + ' ' + (f.version || '') + ' · ' + (p.valid_from || '').slice(0, 10) + ' – '
          + (p.valid_to ? p.valid_to.slice(0, 10) : t('current'))),
        diffs.length ? el('div', {}, diffs.join('；')) : '',
        el('button', { type: 'button', class: 'show-then', onclick: () => {
          stopPlay();
          setTime(p.valid_from);
          highlight.clear();
          if (f.geometry) {
            highlight.addFeatures(geojson.readFeatures(f));
          }
        } }, t('showThen'))));
      previous = p;
    });
    $('history').hidden = false;
  }

  // ---------------------------------------------------------------- modes: info, draw, pick

  let draw = null;
  function setMode(mode) {
    state.mode = mode;
    if (draw) {
      map.removeInteraction(draw);
      draw = null;
    }
    $('mode').hidden = mode === 'info';
    if (mode === 'draw') {
      $('mode').textContent = t('drawing');
      footprints.clear();
      draw = new ol.interaction.Draw({ source: footprints, type: 'Polygon' });
      // the click that closes the polygon is also a map click: no feature info for it
      draw.on('drawend', () => { state.drawEndedAt = Date.now(); setTimeout(() => setMode('info'), 0); });
      map.addInteraction(draw);
    } else if (mode === 'pick') {
      $('mode').textContent = t('picking');
    }
  }

  map.on('singleclick', (evt) => {
    if (state.mode === 'info' && !(state.drawEndedAt && Date.now() - state.drawEndedAt < 1000)) {
      featureInfo(evt);
    } else if (state.mode === 'pick') {
      setMode('info');
      pipelinesNear(ol.proj.toLonLat(evt.coordinate));
    }
  });

  // ---------------------------------------------------------------- red-line check

  $('draw').addEventListener('click', () => { clearMessage(); setMode('draw'); });
  $('clear-footprint').addEventListener('click', () => { footprints.clear(); setMode('info'); });

  $('upload').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) {
      return;
    }
    clearMessage();
    try {
      await readUpload(file);
    } catch (err) {
      showMessage(t('errUpload', file.name, err.message));
    } finally {
      e.target.value = '';
    }
  });

  async function readUpload(file) {
    if (file.size > MAX_UPLOAD) {
      throw new Error(t('errTooBig', (file.size / 1048576).toFixed(1)));
    }
    let body = file;
    let name = file.name;
    if (/\.kml$/i.test(name)) {
      // KML is read here (OpenLayers); its polygons go to the server as GeoJSON for the CRS conversion
      const kml = new ol.format.KML({ extractStyles: false });
      let features;
      try {
        features = kml.readFeatures(await file.text());
      } catch (x) {
        features = [];
      }
      const polygons = [];
      features.forEach((f) => {
        const g = f.getGeometry();
        const parts = g && g.getType() === 'GeometryCollection' ? g.getGeometriesArray() : [g];
        parts.filter((p) => p && (p.getType() === 'Polygon' || p.getType() === 'MultiPolygon'))
          .forEach((p) => polygons.push(new ol.Feature(p)));
      });
      if (!polygons.length) {
        throw new Error(t('errKml'));
      }
      body = new ol.format.GeoJSON().writeFeatures(polygons);
      name = name.replace(/\.kml$/i, '.geojson');
    }
    const r = await api('/web/footprints?name=' + encodeURIComponent(name) + '&crs=' + encodeURIComponent($('crs').value),
      { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body });
    if (!r.ok) {
      throw new Error(await reason(r));
    }
    const fc = await r.json();
    footprints.clear();
    footprints.addFeatures(geojson.readFeatures(fc));
    view.fit(footprints.getExtent(), { padding: [40, 40, 40, 40], maxZoom: 17 });
    showMessage(t('uploaded', fc.features.length, fc.sourceCrs), true);
  }

  $('asof').value = new Date().toISOString().slice(0, 10);
  $('due-on').value = new Date().toISOString().slice(0, 10);

  $('run-check').addEventListener('click', async () => {
    clearMessage();
    setMode('info');
    const features = footprints.getFeatures();
    if (!features.length) {
      showMessage(t('errNoFootprint'));
      return;
    }
    const buffer = Number($('buffer').value);
    if ($('buffer').value === '' || !Number.isFinite(buffer) || buffer < 0 || buffer > 50000) {
      showMessage(t('errBuffer'));
      return;
    }
    const asOf = $('asof').value;
    if (asOf && Number.isNaN(Date.parse(asOf))) {
      showMessage(t('errDate'));
      return;
    }
    const fc = geojson.writeFeaturesObject(features);
    const extent = ol.proj.transformExtent(footprints.getExtent(), 'EPSG:3857', 'EPSG:4326');
    const a = state.serviceArea;
    if (a && (extent[2] < a[0] || extent[0] > a[2] || extent[3] < a[1] || extent[1] > a[3])) {
      showMessage(t('errSea', ((extent[0] + extent[2]) / 2).toFixed(3) + ', ' + ((extent[1] + extent[3]) / 2).toFixed(3)));
      return;
    }
    const request = { footprint: fc, bufferMeters: buffer, repair: $('repair').checked };
    if (asOf && asOf !== new Date().toISOString().slice(0, 10)) {
      request.asOf = asOf + 'T23:59:59Z'; // the red lines in force at the end of that day; today: now
    }
    const r = await api('/api/v1/redline/checks', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) })
      .catch((e) => { showMessage(e.message); return null; });
    if (!r) {
      return;
    }
    if (!r.ok) {
      const why = await reason(r);
      const self = /Self-intersection at \(([^)]*)\)/i.exec(why);
      if (self) {
        showMessage(t('errSelfIntersect', self[1].split(/\s+/).map((n) => Number(n).toFixed(5)).join(', ')));
      } else {
        showMessage(r.status === 400 ? t('errInvalidFootprint', why) : t('errServer', r.status, why));
      }
      return;
    }
    const report = await r.json();
    remember(report);
    showCheck(report);
  });

  function showCheck(report) {
    state.checkResult = report;
    const box = $('check-result');
    const link = (rel) => (report.links.find((l) => l.rel === rel) || {}).href;
    const parts = [el('p', {}, t('checkId', report.id)),
      el('p', { class: 'hint' }, t('asOf') + ': ' + report.asOf + ' · ' + t('redLineVersion') + ': ' + (report.redLineVersion || '—')
        + ' · ' + t('buffer') + ': ' + report.bufferMeters)];
    report.footprints.forEach((f) => {
      parts.push(el('p', {}, el('span', { class: 'verdict ' + f.verdict, 'data-verdict': f.verdict }, t('verdict_' + f.verdict)), ' ',
        t('footprintArea', f.index + 1, fmt(f.areaM2)) + (f.repaired ? ' (repaired)' : '')));
      if (f.zones && f.zones.length) {
        parts.push(table([t('zone'), t('category'), t('level'), t('overlapM2'), t('shareFootprint'), t('distanceM')],
          f.zones.map((z) => [z.name, short(z.category), short(z.protectionLevel), z.overlapM2,
            (z.shareOfFootprint * 100).toFixed(1) + '%', z.distanceM])));
      }
      if (f.nearest) {
        parts.push(el('p', {}, t('nearest', f.nearest.name, fmt(f.nearest.distanceM))));
      }
    });
    const img = el('img', { alt: 'map', class: 'check-map' });
    const pdf = el('button', { type: 'button', id: 'download-pdf', onclick: () => downloadPdf(link('report'), report.id) }, t('pdf'));
    parts.push(pdf, img);
    box.replaceChildren(...parts);
    box.hidden = false;
    selectTab('redline');
    box.scrollIntoView({ block: 'start' });
    loadImage(img, link('map') + '?width=720&height=540').catch((e) => showMessage(t('errServer', '', e.message)));
  }

  async function downloadPdf(url, id) {
    try {
      const r = await api(url);
      if (!r.ok) {
        throw new Error(await reason(r));
      }
      const href = URL.createObjectURL(await r.blob());
      const a = el('a', { href, download: 'redline-check-' + id + '.pdf' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60000);
    } catch (e) {
      showMessage(t('errServer', '', e.message));
    }
  }

  function pastChecks() {
    try {
      return JSON.parse(localStorage.getItem('shikong.checks') || '[]');
    } catch (e) {
      return [];
    }
  }

  function remember(report) {
    const verdicts = report.footprints.map((f) => f.verdict);
    const worst = ['overlaps', 'within_buffer', 'clear'].find((v) => verdicts.includes(v)) || 'clear';
    const list = [{ id: report.id, createdAt: report.createdAt, verdict: worst }].concat(pastChecks().filter((c) => c.id !== report.id)).slice(0, 50);
    localStorage.setItem('shikong.checks', JSON.stringify(list));
    renderPastChecks();
  }

  function renderPastChecks() {
    $('past-checks').replaceChildren(...pastChecks().map((c) => el('li', {},
      el('a', { 'data-check': c.id, onclick: () => openCheck(c.id) }, c.createdAt.replace('T', ' ').slice(0, 19)),
      ' ', el('span', { class: 'verdict ' + c.verdict }, t('verdict_' + c.verdict)), ' ', el('code', {}, c.id.slice(0, 8)))));
  }

  async function openCheck(id) {
    clearMessage();
    id = (id || '').trim();
    if (!id) {
      return;
    }
    try {
      showCheck(await json('/api/v1/redline/checks/' + encodeURIComponent(id)));
    } catch (e) {
      showMessage(e.status === 404 ? t('errCheckNotFound', id) : e.message);
    }
  }
  $('open-check').addEventListener('click', () => openCheck($('check-id').value));

  // ---------------------------------------------------------------- sector queries

  $('near-pick').addEventListener('click', () => { clearMessage(); setMode('pick'); });

  async function pipelinesNear(lonLat) {
    const distance = Number($('near-distance').value);
    if (!Number.isFinite(distance) || distance < 1 || distance > 5000) {
      showMessage(t('errDistance'));
      return;
    }
    results.clear();
    results.addFeature(new ol.Feature(new ol.geom.Point(ol.proj.fromLonLat(lonLat))));
    const r = await api('/api/v1/sector/pipelines/near', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ geometry: { type: 'Point', coordinates: lonLat }, distance }) }).catch((e) => { showMessage(e.message); return null; });
    if (!r) {
      return;
    }
    if (r.status === 404) {
      showMessage(t('errPipelinesHidden'));
      return;
    }
    if (!r.ok) {
      showMessage(t('errServer', r.status, await reason(r)));
      return;
    }
    const fc = await r.json();
    results.addFeatures(geojson.readFeatures(fc));
    const box = $('near-result');
    box.replaceChildren(el('p', {}, t('nearCount', distance, fc.features.length)),
      table([t('id'), t('network'), t('diameter'), t('distanceM')], fc.features.map((f) => [String(f.id),
        short(f.properties.network), f.properties.diameter_mm === undefined ? '—' : f.properties.diameter_mm,
        typeof f.distance === 'number' ? f.distance : '—'])));
    box.hidden = false;
    selectTab('sector');
  }

  $('due-run').addEventListener('click', async () => {
    clearMessage();
    const on = $('due-on').value;
    if (!on || Number.isNaN(Date.parse(on))) {
      showMessage(t('errDate'));
      return;
    }
    let fc;
    try {
      fc = await json('/api/v1/sector/inspection-sites/due?on=' + encodeURIComponent(on));
    } catch (e) {
      showMessage(e.status === 404 ? t('errNeedLogin') : e.message);
      return;
    }
    results.clear();
    results.addFeatures(geojson.readFeatures(fc));
    const shown = fc.features.slice(0, 100);
    const box = $('due-result');
    box.replaceChildren(el('p', {}, t('dueCount', fc.features.length, shown.length)),
      table([t('name'), t('risk'), t('lastInspected')], shown.map((f) => [f.properties.name || String(f.id),
        f.properties.risk_level || '—', f.properties.last_inspected_on || '—'])));
    box.hidden = false;
  });

  // ---------------------------------------------------------------- login

  $('login-open').addEventListener('click', () => {
    $('login-error').hidden = true;
    $('login-dialog').showModal();
  });
  $('login-cancel').addEventListener('click', () => $('login-dialog').close());
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const user = $('login-user').value.trim();
    const token = btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + $('login-password').value)));
    let r;
    try {
      r = await fetch('/api/v1/layers', { credentials: 'omit', headers: { Authorization: 'Basic ' + token } });
    } catch (x) {
      $('login-error').textContent = t('errNetwork', x.message);
      $('login-error').hidden = false;
      return;
    }
    if (!r.ok) {
      $('login-error').textContent = r.status === 401 ? t('errLogin') : t('errServer', r.status, await reason(r));
      $('login-error').hidden = false;
      return;
    }
    state.auth = token;
    state.user = user;
    sessionStorage.setItem('shikong.auth', token);
    sessionStorage.setItem('shikong.user', user);
    $('login-dialog').close();
    $('login-password').value = '';
    await reloadForCaller();
  });
  $('logout').addEventListener('click', async () => {
    state.auth = null;
    state.user = null;
    sessionStorage.removeItem('shikong.auth');
    sessionStorage.removeItem('shikong.user');
    await reloadForCaller();
  });

  async function reloadForCaller() {
    const visible = visibleLayers().map((d) => d.name);
    $('login-open').hidden = !!state.user;
    $('logout').hidden = !state.user;
    applyTexts();
    try {
      await loadLayers(visible);
    } catch (e) {
      showMessage(e.message);
    }
  }

  // ---------------------------------------------------------------- tabs, language, start

  function selectTab(name) {
    document.querySelectorAll('.tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === name));
    document.querySelectorAll('.tab').forEach((s) => { s.hidden = s.id !== 'tab-' + name; });
  }
  document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => selectTab(b.dataset.tab)));
  $('message-close').addEventListener('click', clearMessage);
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('shikong.lang', state.lang);
    applyTexts();
    const visible = visibleLayers().map((d) => d.name);
    // layer titles and attribute titles follow the language
    loadLayers(visible).catch((e) => showMessage(e.message));
    renderPastChecks();
  });
  document.querySelectorAll('code.url').forEach((c) => { c.textContent = location.origin + c.dataset.path; });

  /** #c=lon,lat&z=zoom&layers=a,b&t=ISO&tab=redline: where the page opens (shareable). */
  function fromHash() {
    const h = new URLSearchParams(location.hash.slice(1));
    if (h.get('c')) {
      const c = h.get('c').split(',').map(Number);
      if (c.length === 2 && c.every(Number.isFinite)) {
        view.setCenter(ol.proj.fromLonLat(c));
      }
    }
    if (h.get('z') && Number.isFinite(Number(h.get('z')))) {
      view.setZoom(Number(h.get('z')));
    }
    if (h.get('t')) {
      state.time = h.get('t');
    }
    if (h.get('tab')) {
      selectTab(h.get('tab'));
    }
    return h.get('layers') ? h.get('layers').split(',') : ['eco_red_lines', 'buildings'];
  }

  window.shikong = { map, state, setTime, highlight, footprints };
  $('login-open').hidden = !!state.user;
  $('logout').hidden = !state.user;
  applyTexts();
  renderPastChecks();
  const initial = fromHash();
  loadLayers(initial).catch((e) => showMessage(e.message));
})();
